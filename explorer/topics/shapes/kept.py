"""What a whole code keeps of each factor, whichever dimensions hold it: each held-out shape's factors guessed
from the shapes whose code means lie nearest its own. MIG and the matrix ask whether one dimension holds a
factor; this asks whether the code holds it at all, so the page can tell "left out" from "spread out"."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from explorer.core.neighbours import nearest
from explorer.core.shapes import FACTOR_NAMES, FACTOR_SIZES, ShapesData
from explorer.models.gaussian import GaussianVAE

NEIGHBOURS = 10  # the training shapes whose codes vote on a held-out shape's factors
KEPT_OVER_CHANCE = 2.0  # a factor counts as kept when the vote is right at least this many times as often as chance


@dataclass(frozen=True)
class FactorGuess:
    factor: str
    right: float  # share of the held-out shapes whose value of the factor the vote gets right
    chance: float  # what guessing blindly gets right: 1 over the factor's number of values

    @property
    def kept(self) -> bool:
        return self.right >= KEPT_OVER_CHANCE * self.chance


@torch.inference_mode()
def code_means(model: GaussianVAE, shapes: ShapesData, batch_size: int = 2048) -> np.ndarray:
    """N x k: the posterior mean of every shape."""
    model.eval()
    return np.concatenate([model.encode(torch.from_numpy(shapes.images[start:start + batch_size])).mean.numpy()
                           for start in range(0, len(shapes), batch_size)])


def guess_factors(means: np.ndarray, factors: np.ndarray, train: np.ndarray, test: np.ndarray) -> list[FactorGuess]:
    """For each factor, in FACTOR_NAMES order: how often the NEIGHBOURS training shapes nearest a test shape's code
    (a majority vote, ties to the smaller value) name its value right."""
    _, found = nearest(means[train], means[test], NEIGHBOURS)
    guesses = []
    for column, (name, size) in enumerate(zip(FACTOR_NAMES, FACTOR_SIZES, strict=True)):
        votes = factors[train][found][:, :, column]  # test x NEIGHBOURS
        counts = np.stack([(votes == value).sum(axis=1) for value in range(size)], axis=1)
        right = float((counts.argmax(axis=1) == factors[test][:, column]).mean())
        guesses.append(FactorGuess(name, right, 1 / size))
    return guesses
