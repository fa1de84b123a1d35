"""What a whole code keeps of each factor, whichever dimensions hold it: each held-out shape's factors guessed
from the shapes whose code means lie nearest its own. MIG and the matrix ask whether one dimension holds a
factor; this asks whether the code holds it at all, so the page can tell "left out" from "spread out".
Measured on the largest shipped β when the app is built (the shapes_kept group: it took a fresh server half a
second), shipped in the manifest and read by the page."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from explorer.checkpoints.store import MANIFEST_NAME, REBUILD_COMMAND, PretrainedFileError, PretrainedStore
from explorer.core.neighbours import nearest
from explorer.core.shapes import FACTOR_NAMES, FACTOR_SIZES, ShapesData, make_shapes
from explorer.models.gaussian import GaussianVAE
from explorer.topics.shapes.scores import split
from explorer.topics.shapes.settings import KEPT_GROUP
from explorer.topics.shapes.shipped import ShippedRun, shipped_runs

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


def measure_shipped(store: PretrainedStore) -> list[FactorGuess]:
    """guess_factors on the code means of the largest shipped β, the held-out shapes voted on by the training
    shapes."""
    shapes = make_shapes()
    train, test = split(len(shapes))
    model = store.load_model(shipped_runs(store)[-1].name)
    return guess_factors(code_means(model, shapes), shapes.factors, train, test)


def measured_file(store: PretrainedStore, run: ShippedRun) -> dict:
    """Which weights were measured: the run's name and its file's checksum, as the manifest lists them."""
    file = store.model_info(run.name).get("file")
    return {"run": run.name, "sha256": store.manifest["files"].get(file, {}).get("sha256")}


def guesses_to_json(store: PretrainedStore, guesses: list[FactorGuess]) -> dict:
    """The shapes_kept group's manifest section: what the vote got right per factor, and of which weights."""
    return measured_file(store, shipped_runs(store)[-1]) | {"right": {guess.factor: guess.right for guess in guesses}}


def shipped_guesses(store: PretrainedStore, runs: list[ShippedRun]) -> list[FactorGuess]:
    """What the build measured of the largest of these shipped runs; PretrainedFileError (the command that measures
    it) when the build has no such numbers, or measured other weights than the ones shipped now."""
    section = store.group(KEPT_GROUP)  # MissingGroupError (a PretrainedFileError) names the command
    measured, right = {key: section.get(key) for key in ("run", "sha256")}, section.get("right")
    if measured != measured_file(store, runs[-1]) or not isinstance(right, dict) or set(right) != set(FACTOR_NAMES):
        raise PretrainedFileError(store.root / MANIFEST_NAME,
                                  f"the {KEPT_GROUP!r} group did not measure the shipped {runs[-1].name}",
                                  rebuild=f"{REBUILD_COMMAND} --only {KEPT_GROUP}")
    return [FactorGuess(name, float(right[name]), 1 / size) for name, size in zip(FACTOR_NAMES, FACTOR_SIZES,
                                                                                  strict=True)]
