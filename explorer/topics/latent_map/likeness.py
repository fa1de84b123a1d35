"""How sure the shipped digit classifier is that a decode is a digit: per image, along straight walks,
and which walks the two models draw most differently.

Confidence is the classifier's probability for its top digit: near 1, it sees one clear digit; below
UNSURE, no digit wins clearly (a blend of two, a smudge, or a shape it never saw).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from explorer.models.base import Autoencoder
from explorer.models.digit_likeness import class_probabilities
from explorer.models.inference import decode
from explorer.topics.latent_map.logic import INTERPOLATION_STEPS, interpolation_codes

UNSURE = 0.5  # below this the classifier's top digit has less than even odds


def probabilities(classifier: nn.Module, images: np.ndarray) -> np.ndarray:
    """N x 28 x 28 (or N x 1 x 28 x 28) images in [0, 1] -> N x 10: the classifier's probability of each digit."""
    batch = torch.from_numpy(np.asarray(images, np.float32).reshape(-1, 1, 28, 28))
    return class_probabilities(classifier, batch).numpy()


def top_confidences(classifier: nn.Module, images: np.ndarray) -> np.ndarray:
    """(N,) the probability of the classifier's top digit for each image."""
    return probabilities(classifier, images).max(axis=1)


def decoded_probabilities(model: Autoencoder, classifier: nn.Module, codes: np.ndarray,
                          batch_size: int = 1000) -> np.ndarray:
    """N x 10 digit probabilities of each code's decode, a batch at a time so that memory stays small."""
    return np.concatenate([probabilities(classifier, decode(model, codes[i:i + batch_size]))
                           for i in range(0, len(codes), batch_size)])


def walk_confidences(model: Autoencoder, classifier: nn.Module, codes: np.ndarray, starts: np.ndarray,
                     ends: np.ndarray, steps: int = INTERPOLATION_STEPS) -> np.ndarray:
    """P x steps: the confidence in each decode along the straight walk from codes[starts] to codes[ends]."""
    path = interpolation_codes(codes[starts], codes[ends], steps)
    confidences = decoded_probabilities(model, classifier, path.reshape(-1, path.shape[-1])).max(axis=1)
    return confidences.reshape(len(starts), steps)


def lowest_between(confidences: np.ndarray) -> np.ndarray:
    """The lowest confidence strictly between a walk's two ends (the ends are the digits themselves)."""
    return confidences[..., 1:-1].min(axis=-1)


def random_pairs(labels: np.ndarray, candidates: np.ndarray, count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """count pairs (starts, ends) of candidate images that show different digits, drawn with a seed."""
    rng = np.random.default_rng(seed)
    starts, ends = rng.choice(candidates, size=(2, 4 * count))
    differ = labels[starts] != labels[ends]
    return starts[differ][:count], ends[differ][:count]


@dataclass(frozen=True)
class WalkPair:
    """One measured walk, offered to the student because the two models draw it differently."""

    a: int  # bundled image indices
    b: int
    ae_lowest: float  # each model's lowest score (confidence or realism) between the ends
    vae_lowest: float

    def to_json(self) -> dict:
        return {"a": self.a, "b": self.b, "ae_lowest": self.ae_lowest, "vae_lowest": self.vae_lowest}


def most_different_walks(starts: np.ndarray, ends: np.ndarray, ae: np.ndarray, vae: np.ndarray,
                         per_side: int, clear: float = UNSURE) -> list[WalkPair]:
    """The walks on which one model dips furthest below the other, `per_side` where the AE dips and then
    `per_side` where the VAE does. ae, vae: P x steps scores (the classifier's confidence, or the digit judge's
    realism). Only walks whose two ends both models reconstruct as clear digits (scores of at least `clear`)
    count, so that a dip is about the way between the digits, not a badly reconstructed end."""
    clear_ends = (np.minimum(ae[:, [0, -1]], vae[:, [0, -1]]) >= clear).all(axis=1)
    gap = np.where(clear_ends, lowest_between(vae) - lowest_between(ae), 0.0)
    order = np.argsort(-gap, kind="stable")
    chosen = [i for i in order[:per_side] if gap[i] > 0] + [i for i in order[::-1][:per_side] if gap[i] < 0]
    return [WalkPair(int(starts[i]), int(ends[i]), float(lowest_between(ae[i])), float(lowest_between(vae[i])))
            for i in chosen]
