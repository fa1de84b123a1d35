"""Which of the student's images a trained model thinks alike: the nearest ones in code space."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.core.neighbours import nearest
from explorer.models.base import Autoencoder
from explorer.models.inference import embed

NEIGHBOURS = 6
BATCH = 2000  # images encoded at a time: bounded memory for a set of 20,000


def codes_of(model: Autoencoder, images: np.ndarray) -> np.ndarray:
    """N x k deterministic codes (a VAE's means) of every image, a batch at a time."""
    return np.concatenate([embed(model, images[start:start + BATCH]) for start in range(0, len(images), BATCH)])


@dataclass(frozen=True)
class Neighbours:
    indices: np.ndarray  # NEIGHBOURS image indices, nearest first, the chosen image left out
    distances: np.ndarray  # their Euclidean distances in code space
    typical_gap: float  # median distance from an image to its own nearest other image: what "near" means here


def neighbours_of(codes: np.ndarray, index: int, count: int = NEIGHBOURS) -> Neighbours:
    """The `count` images whose codes lie nearest image `index`'s, itself left out (by index, so that an exact
    copy of it elsewhere in the set still counts as a neighbour, at distance 0)."""
    if not 0 <= index < len(codes):
        raise IndexError(f"image {index} is not among the {len(codes)} images")
    distances, indices = nearest(codes, codes[index:index + 1], count + 1)
    keep = indices[0] != index
    gaps, _ = nearest(codes, codes[:: max(1, len(codes) // 500)], 2)  # a sample of the set: a quick, fair median
    return Neighbours(indices=indices[0][keep][:count], distances=distances[0][keep][:count],
                      typical_gap=float(np.median(gaps[:, 1])))


def distance_words(distance: float) -> str:
    """A distance as the page writes it: two decimals, or two significant figures where two decimals would show a
    distance above 0 as 0.00."""
    return f"{distance:.2g}" if 0 < distance < 0.005 else f"{distance:.2f}"
