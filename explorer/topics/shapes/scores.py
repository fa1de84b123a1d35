"""A β-VAE's code checked against the shapes' true factors: how much each dimension is used (KL) and which
factor it carries (mutual information), over every shape of the set."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from explorer.core.shapes import FACTOR_NAMES, ShapesData
from explorer.models.gaussian import GaussianVAE, gaussian_kl
from explorer.topics.shapes.disentanglement import Disentanglement, measure
from explorer.topics.shapes.settings import ACTIVE_KL, SEED, TEST_SHARE


@dataclass(frozen=True)
class CodeScores:
    kl_per_dim: np.ndarray  # k: mean KL of each dimension over every shape, nats
    normalised: np.ndarray  # k x factors: each dimension's share of each factor's information (see disentanglement)
    gaps: np.ndarray  # per factor: the best dimension's share minus the runner-up's
    mig: float  # the mean of gaps

    @classmethod
    def of(cls, kl_per_dim: np.ndarray, found: Disentanglement) -> CodeScores:
        return cls(kl_per_dim, found.normalised, found.gaps, found.mig)

    @classmethod
    def from_json(cls, metrics: dict) -> CodeScores:
        return cls(np.array(metrics["kl_per_dim"]), np.array(metrics["normalised_mi"]), np.array(metrics["gaps"]),
                   float(metrics["mig"]))

    def to_json(self) -> dict:
        return {"mig": self.mig, "gaps": self.gaps.tolist(), "normalised_mi": self.normalised.tolist(),
                "kl_per_dim": self.kl_per_dim.tolist(), "active_dims": int(self.active.sum())}

    @property
    def active(self) -> np.ndarray:
        return self.kl_per_dim > ACTIVE_KL

    def label(self, dim: int) -> str:
        """What moving this dimension changes, as measured: the two factors it holds the largest shares of, with
        each share, so that a near tie shows (a walk labelled by one factor alone may visibly move the other)."""
        if not self.active[dim]:
            return f"unused (KL below {ACTIVE_KL:g} nat)"
        first, second = np.argsort(-self.normalised[dim], kind="stable")[:2]
        # a no-break space keeps each factor on one line with its share in the page's narrow label column
        return " · ".join(f"{FACTOR_NAMES[f]}\u00a0{self.normalised[dim, f]:.0%}" for f in (first, second))


def split(count: int) -> tuple[np.ndarray, np.ndarray]:
    """(train, test) indices of the shapes: a fixed random TEST_SHARE held out."""
    order = np.random.default_rng(SEED).permutation(count)
    held_out = round(count * TEST_SHARE)
    return np.sort(order[held_out:]), np.sort(order[:held_out])


@torch.inference_mode()
def score_code(model: GaussianVAE, shapes: ShapesData, batch_size: int = 2048) -> CodeScores:
    model.eval()
    means, kls = [], []
    for start in range(0, len(shapes), batch_size):
        posterior = model.encode(torch.from_numpy(shapes.images[start:start + batch_size]))
        means.append(posterior.mean.numpy())
        kls.append(gaussian_kl(posterior).sum(dim=0).numpy())
    return CodeScores.of(np.sum(kls, axis=0) / len(shapes), measure(np.concatenate(means), shapes.factors))
