"""Where does a student's own digit land? Its code and its nearest neighbours among known digits, once
explorer.core.digitize has made the drawing or upload MNIST-like (its widget: explorer/ui/shared/own_digit.py).

Works with any shipped model's codes, so the Bottleneck, Latent map, Denoising and Anomaly
pages can all place the same digit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.core.neighbours import nearest
from explorer.models.base import Autoencoder
from explorer.models.inference import embed


@dataclass(frozen=True)
class Placement:
    code: np.ndarray  # k: the digit's code
    neighbours: np.ndarray  # indices into the reference set, nearest code first
    distances: np.ndarray  # Euclidean distances in code space, same order
    neighbour_labels: np.ndarray
    guess: int  # the most common label among the neighbours (ties: the nearer one wins)


def place_digit(model: Autoencoder, digit: np.ndarray, reference_codes: np.ndarray, reference_labels: np.ndarray,
                *, neighbours: int = 5) -> Placement:
    """Encode `digit` (1 x 28 x 28) and find its `neighbours` nearest codes among `reference_codes` (N x k)."""
    code = embed(model, np.asarray(digit, np.float32)[None])[0]
    distances, closest = (found[0] for found in nearest(reference_codes, code[None], neighbours))
    labels = np.asarray(reference_labels)[closest]
    counts = {int(label): int((labels == label).sum()) for label in labels}
    guess = max(counts, key=lambda label: (counts[label], -int(np.flatnonzero(labels == label)[0])))
    return Placement(code=code, neighbours=closest, distances=distances, neighbour_labels=labels,
                     guess=guess)
