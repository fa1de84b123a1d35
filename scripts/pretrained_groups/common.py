"""What every group of shipped files is built with: the data, its folder, and a seeded trainer."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import torch

from explorer.checkpoints import model_record, save_model
from explorer.data import DigitData
from explorer.models.base import Autoencoder
from explorer.runtime import seed_everything
from explorer.train import EpochReport, TrainConfig, fit

log = logging.getLogger("train_pretrained")

TINY_TRAIN_IMAGES = 256
TINY_TEST_IMAGES = 100


def tiny_data(data: DigitData) -> DigitData:
    """The first few hundred images: enough to exercise every step in seconds."""
    return replace(
        data,
        train_images=data.train_images[:TINY_TRAIN_IMAGES],
        train_labels=data.train_labels[:TINY_TRAIN_IMAGES],
        test_images=data.test_images[:TINY_TEST_IMAGES],
        test_labels=data.test_labels[:TINY_TEST_IMAGES],
    )


@dataclass
class BuildContext:
    group: str
    folder: Path  # where this group's files go (a staging folder, swapped in when all succeeded)
    data: DigitData
    device: torch.device
    tiny: bool  # a seconds-long build for tests: one epoch, few images

    def path(self, file: str) -> Path:
        return self.folder / file

    def relative(self, file: str) -> str:
        """A file's name as the manifest lists it: relative to pretrained/."""
        return f"{self.group}/{file}"

    def scaled(self, config: TrainConfig) -> TrainConfig:
        return replace(config, epochs=1) if self.tiny else config

    def train(
        self, name: str, make_model: Callable[[], Autoencoder], config: TrainConfig, *,
        on_epoch: Callable[[EpochReport], None] | None = None, weights_dtype: torch.dtype | None = None,
    ) -> dict:
        """Seed, build, fit and save one model; return its manifest record.

        `on_epoch` also sees every epoch's report; `weights_dtype` (float16) halves the file.
        """
        config = self.scaled(config)
        seed_everything(config.seed)
        model = make_model()

        def log_epoch(report: EpochReport) -> None:
            log.info("%s epoch %d/%d: train loss %.2f, test loss %.2f, test MSE %.5f (%.0f img/s)",
                     name, report.epoch, report.epochs, report.train["loss"], report.test["loss"],
                     report.test["mse"], report.images_per_second)
            if on_epoch is not None:
                on_epoch(report)

        history = fit(model, self.data.train_images, self.data.test_images, config,
                      device=self.device, on_epoch=log_epoch)
        file = f"{name}.safetensors"
        save_model(model, self.path(file), weights_dtype)
        test = history.last.test
        metrics = {"test_mse": test["mse"], "test_bce": test["bce"], "test_loss": test["loss"]} | {
            f"test_{part}": value for part, value in test.items() if part not in {"mse", "bce", "loss"}
        }
        record = model_record(model, file=self.relative(file), dataset=self.data.name, seed=config.seed,
                              train=asdict(config), metrics=metrics)
        return record | {"group": self.group}
