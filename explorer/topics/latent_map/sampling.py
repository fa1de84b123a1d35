"""The sampling experiment: can random codes make digits? Three ways of drawing them, one strip each.

A fair question to put to the VAE: is its advantage only that we know where to draw (N(0, I))? So the
plain autoencoder gets two strips: draws from N(0, I), and draws from a bell curve fitted to where its
own codes actually are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.core.projection import draw_random_codes


@dataclass(frozen=True)
class Strip:
    key: str  # how the manifest and the shipped arrays name it
    kind: str  # the decoder: "ae" or "vae"
    source: str  # where the codes come from: "normal" (N(0, I)) or "fitted" (the AE's own codes' bell curve)
    title: str


STRIP_SHOWN = 12  # decodes shown per strip; its score covers every draw

STRIPS = (
    Strip("ae_normal", "ae", "normal", "N(0, I) → plain autoencoder"),
    Strip("vae_normal", "vae", "normal", "N(0, I) → VAE"),
    Strip("ae_fitted", "ae", "fitted", "Bell curve fitted to the AE's codes → plain autoencoder"),
)


def fitted_gaussian_draws(codes: np.ndarray, count: int, seed: int) -> np.ndarray:
    """count x k draws from the bell curve with the codes' own mean and covariance (how their numbers vary
    together), so the draws land where the codes are, tilted and stretched as they are."""
    rng = np.random.default_rng(seed)
    return rng.multivariate_normal(codes.mean(axis=0), np.cov(codes, rowvar=False), size=count).astype(np.float32)


def sampling_draws(ae_codes: np.ndarray, count: int, seed: int) -> dict[str, np.ndarray]:
    """The codes of every strip, by source: the same N(0, I) draws go to both decoders."""
    return {"normal": draw_random_codes(count, ae_codes.shape[1], seed),
            "fitted": fitted_gaussian_draws(ae_codes, count, seed)}


@dataclass(frozen=True)
class CodeCloud:
    """Where a model's codes sit: the plain words behind 'a draw from N(0, I) lands off the data'."""

    centre_from_zero: float  # how far the codes' mean lies from 0, where N(0, I) draws gather
    spread: float  # the typical spread of one code number (root mean variance); N(0, I) has 1
    nearest_to_zero: float  # the distance from 0 of the code closest to it


def code_cloud(codes: np.ndarray) -> CodeCloud:
    codes = np.asarray(codes, np.float64)
    return CodeCloud(float(np.linalg.norm(codes.mean(axis=0))), float(np.sqrt(codes.var(axis=0).mean())),
                     float(np.linalg.norm(codes, axis=1).min()))


def farthest_from_zero(draws: np.ndarray) -> float:
    return float(np.linalg.norm(np.asarray(draws, np.float64), axis=1).max())


def top_digits(class_counts: list[int], share: float = 0.5) -> tuple[list[int], float]:
    """The fewest digits that make up at least `share` of the draws, most common first, and their share."""
    counts = np.asarray(class_counts)
    order = np.argsort(-counts, kind="stable")
    covered = np.cumsum(counts[order]) / counts.sum()
    taken = int(np.searchsorted(covered, share) + 1)
    return [int(d) for d in order[:taken]], float(covered[taken - 1])
