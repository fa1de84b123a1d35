"""What every group of shipped files is built with: the data, its folder, and a seeded trainer."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np
import torch

from explorer.checkpoints.writing import model_record, save_model
from explorer.core.data import DigitData
from explorer.core.runtime import seed_everything
from explorer.models.base import Autoencoder
from explorer.training.fit import EpochReport, TrainConfig, fit

log = logging.getLogger("train_pretrained")

TINY_TRAIN_IMAGES = 256
TINY_TEST_IMAGES = 100


def tiny_data(data: DigitData) -> DigitData:
    """A few hundred images spread evenly over each split (which is sorted by digit), so that
    every digit is in it: enough to exercise every step in seconds."""
    train = np.linspace(0, len(data.train_images) - 1, TINY_TRAIN_IMAGES).astype(int)
    test = np.linspace(0, len(data.test_images) - 1, TINY_TEST_IMAGES).astype(int)
    return replace(
        data,
        train_images=data.train_images[train],
        train_labels=data.train_labels[train],
        test_images=data.test_images[test],
        test_labels=data.test_labels[test],
    )


@dataclass
class BuildContext:
    group: str
    folder: Path  # where this group's files go (a staging folder, swapped in when all succeeded)
    data: DigitData
    device: torch.device
    tiny: bool  # a seconds-long build for tests: one epoch, few images
    out: Path | None = None  # the pretrained/ folder being built: the groups built before this one are read there
    trained: dict[str, Autoencoder] = field(default_factory=dict)  # this build's models, by name


    def path(self, file: str) -> Path:
        return self.folder / file

    def relative(self, file: str) -> str:
        """A file's name as the manifest lists it: relative to pretrained/."""
        return f"{self.group}/{file}"

    def scaled(self, config: TrainConfig) -> TrainConfig:
        return replace(config, epochs=1) if self.tiny else config

    def train(
        self,
        name: str,
        make_model: Callable[[], Autoencoder],
        config: TrainConfig,
        *,
        on_epoch: Callable[[EpochReport], None] | None = None,
        weights_dtype: torch.dtype | None = None,
        corrupt: Callable[[torch.Tensor, torch.Generator], torch.Tensor] | None = None,
        train_images: np.ndarray | None = None,
        test_images: np.ndarray | None = None,
        dataset: str | None = None,
    ) -> dict:
        """Seed, build, fit and save one model (kept in self.trained); return its manifest record.

        `on_epoch` also sees every epoch's report; `weights_dtype` (float16) halves the file;
        `corrupt` makes a denoising AE (see fit); `train_images` / `test_images` replace the
        group's data, e.g. to leave one digit out, and `dataset` names them when they are another set.
        """
        config = self.scaled(config)
        seed_everything(config.seed)
        model = make_model()

        def log_epoch(report: EpochReport) -> None:
            log.info("%s epoch %d/%d: train loss %.2f, test loss %.2f, test MSE %.5f (%.0f img/s)",
                     name, report.epoch, report.epochs, report.train.total, report.test.loss.total,
                     report.test.pixels.mse, report.images_per_second)
            if on_epoch is not None:
                on_epoch(report)

        history = fit(model, self.data.train_images if train_images is None else train_images,
                      self.data.test_images if test_images is None else test_images, config,
                      device=self.device, on_epoch=log_epoch, corrupt=corrupt)
        self.trained[name] = model.cpu().eval()
        file = f"{name}.safetensors"
        save_model(model, self.path(file), weights_dtype)
        test = history.last.test
        metrics = {"test_mse": test.pixels.mse, "test_bce": test.pixels.bce} | {
            f"test_{part}": value for part, value in test.loss.named().items()
        }
        record = model_record(model, file=self.relative(file), dataset=dataset or self.data.name, seed=config.seed,
                              train=asdict(config), metrics=metrics)
        return record | {"group": self.group}
