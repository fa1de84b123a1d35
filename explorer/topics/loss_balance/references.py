"""The shipped reference runs: one β-VAE per β of REFERENCE_BETAS, with the curves and pictures of its
last epoch, stored beside its weights so the page shows them without training."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.checkpoints.store import PretrainedStore
from explorer.topics.loss_balance.epoch_view import EpochView
from explorer.training.fit import EpochReport

GROUP = "loss_balance"
CURVE_KEYS = tuple(f"{split}_{part}" for split in ("train", "test") for part in ("loss", "recon", "kl"))


@dataclass(frozen=True)
class ReferenceRun:
    beta: float
    name: str  # the shipped model's name
    curves: dict[str, np.ndarray]  # "train_loss", "test_kl", ...: one value per epoch
    reconstructions: np.ndarray  # SHOWN_IMAGES x 1 x 28 x 28
    samples: np.ndarray
    kl_per_dim: np.ndarray

    @property
    def rate(self) -> float:  # KL, nats per image
        return float(self.curves["test_kl"][-1])

    @property
    def distortion(self) -> float:  # reconstruction BCE, nats per image
        return float(self.curves["test_recon"][-1])

    @property
    def test_loss(self) -> float:
        return float(self.curves["test_loss"][-1])


def reference_arrays(reports: list[EpochReport], view: EpochView) -> dict[str, np.ndarray]:
    """What a shipped reference run stores besides its weights."""
    named = {"train": [report.train.named() for report in reports],
             "test": [report.test.loss.named() for report in reports]}
    curves = {key: np.array([parts[key.split("_")[1]] for parts in named[key.split("_")[0]]], np.float32)
              for key in CURVE_KEYS}
    return curves | {"reconstructions": view.reconstructions.astype(np.float32),
                     "samples": view.samples.astype(np.float32), "kl_per_dim": view.kl_per_dim.astype(np.float32)}


def read_reference(beta: float, name: str, arrays: dict[str, np.ndarray]) -> ReferenceRun:
    return ReferenceRun(beta=beta, name=name, curves={key: arrays[key] for key in CURVE_KEYS},
                        reconstructions=arrays["reconstructions"], samples=arrays["samples"],
                        kl_per_dim=arrays["kl_per_dim"])


def load_reference_runs(store: PretrainedStore) -> list[ReferenceRun]:
    """Every shipped run of the build, smallest β first (MissingGroupError if the build has none)."""
    runs = store.group(GROUP)["runs"]
    return sorted((read_reference(float(beta), entry["model"], store.load_arrays(entry["arrays"]))
                   for beta, entry in runs.items()), key=lambda run: run.beta)
