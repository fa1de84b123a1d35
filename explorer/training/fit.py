"""fit(model, train, test, config, on_epoch=...) -> History, and evaluation on held-out images.

Training reports through the `on_epoch` callback, never print: a page draws
progress from it, a script logs from it, a test counts it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F

from explorer.core.runtime import seed_everything
from explorer.models.base import Autoencoder, LossParts


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 30
    batch_size: int = 128
    lr: float = 2e-3  # Adam's peak rate; it decays to zero along a cosine over the run
    seed: int = 0  # seeds the weights' initialisation and the shuffling
    max_shift: int = 0  # shift training images by up to this many pixels: more data for small sets


@dataclass(frozen=True)
class PixelErrors:
    """Per-pixel errors of reconstructions, averaged over the images."""

    mse: float  # squared error
    bce: float  # binary cross-entropy


@dataclass(frozen=True)
class Evaluation:
    """A model on held-out images: its loss parts (mean per image) and its deterministic reconstruction's
    per-pixel errors."""

    loss: LossParts[float]
    pixels: PixelErrors


@dataclass(frozen=True)
class EpochReport:
    epoch: int  # 1-based
    epochs: int
    train: LossParts[float]  # mean per image of each loss part over the epoch
    test: Evaluation  # the same parts on the test images, and the per-pixel errors
    images_per_second: float
    seconds: float


@dataclass
class History:
    reports: list[EpochReport] = field(default_factory=list)

    @property
    def last(self) -> EpochReport:
        return self.reports[-1]


class NonFiniteLossError(RuntimeError):
    """The loss became NaN or infinite; the model keeps the weights of its last finite step."""


def random_shift(x: torch.Tensor, max_shift: int, generator: torch.Generator) -> torch.Tensor:
    """Each image moved by its own random offset of at most max_shift pixels, zeros filling in."""
    n = len(x)
    padded = torch.nn.functional.pad(x, (max_shift,) * 4)  # N x C x (28 + 2s) x (28 + 2s)
    windows = padded.unfold(2, x.shape[2], 1).unfold(3, x.shape[3], 1)  # N x C x (2s+1) x (2s+1) x 28 x 28
    dy, dx = torch.randint(0, 2 * max_shift + 1, (2, n), generator=generator).to(x.device)
    return windows[torch.arange(n, device=x.device), :, dy, dx]  # N x C x 28 x 28


def _as_tensor(images: np.ndarray | torch.Tensor) -> torch.Tensor:
    return images if isinstance(images, torch.Tensor) else torch.from_numpy(np.asarray(images, np.float32))


def pixel_error_sums(x_hat: torch.Tensor, x: torch.Tensor) -> PixelErrors:
    """Squared error and binary cross-entropy summed over a batch, divided by pixels per image."""
    pixels = x[0].numel()
    return PixelErrors(mse=F.mse_loss(x_hat, x, reduction="sum").item() / pixels,
                       bce=F.binary_cross_entropy(x_hat, x, reduction="sum").item() / pixels)


def pixel_errors(reconstructions: np.ndarray, images: np.ndarray) -> PixelErrors:
    """Per-pixel MSE and BCE of any reconstruction (a model's or PCA's), averaged over images."""
    sums = pixel_error_sums(_as_tensor(reconstructions), _as_tensor(images))
    return PixelErrors(mse=sums.mse / len(images), bce=sums.bce / len(images))


def add_parts(sums: dict[str, float], parts: LossParts[torch.Tensor], images: int) -> None:
    """Adds a batch's loss parts (means over its `images`) to `sums`, totals by name."""
    for name, value in parts.named().items():
        sums[name] = sums.get(name, 0.0) + value.item() * images


def mean_parts(sums: dict[str, float], images: int) -> LossParts[float]:
    return LossParts.from_named({name: total / images for name, total in sums.items()})


@torch.inference_mode()
def evaluate(
    model: Autoencoder, images: np.ndarray | torch.Tensor, *, device: torch.device, batch_size: int = 500
) -> Evaluation:
    """Mean loss parts per image, and per-pixel MSE / BCE of the deterministic reconstruction."""
    model.eval()
    x_all = _as_tensor(images)
    sums: dict[str, float] = {}
    mse = bce = 0.0
    for start in range(0, len(x_all), batch_size):
        x = x_all[start : start + batch_size].to(device)
        add_parts(sums, model.loss(x), len(x))
        errors = pixel_error_sums(model.reconstruct(x), x)
        mse, bce = mse + errors.mse, bce + errors.bce
    return Evaluation(loss=mean_parts(sums, len(x_all)), pixels=PixelErrors(mse / len(x_all), bce / len(x_all)))


def fit(
    model: Autoencoder,
    train_images: np.ndarray | torch.Tensor,
    test_images: np.ndarray | torch.Tensor,
    config: TrainConfig,
    *,
    device: torch.device,
    on_epoch: Callable[[EpochReport], None] | None = None,
    corrupt: Callable[[torch.Tensor, torch.Generator], torch.Tensor] | None = None,
) -> History:
    """Train with Adam for `config.epochs`; call `on_epoch` after each epoch.

    With `corrupt`, the model sees corrupt(batch, generator) and is scored against the clean
    batch: a denoising autoencoder. Test metrics stay those of clean images.

    The model should have been built after `seed_everything(config.seed)` for a
    run to be repeatable; fit reseeds the shuffling itself.
    """
    generator = seed_everything(config.seed)
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=config.lr)
    steps_per_epoch = math.ceil(len(train_images) / config.batch_size)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=config.epochs * steps_per_epoch)
    x_train = _as_tensor(train_images).to(device)
    history = History()
    for epoch in range(1, config.epochs + 1):
        started = time.perf_counter()
        model.train()
        sums: dict[str, float] = {}
        order = torch.randperm(len(x_train), generator=generator).to(device)
        for start in range(0, len(x_train), config.batch_size):
            x = x_train[order[start : start + config.batch_size]]
            if config.max_shift:
                x = random_shift(x, config.max_shift, generator)
            parts = model.loss(x) if corrupt is None else model.loss(corrupt(x, generator), target=x)
            if not math.isfinite(parts.total.item()):
                raise NonFiniteLossError(f"the loss became {parts.total.item()} in epoch {epoch}")
            optimizer.zero_grad(set_to_none=True)
            parts.total.backward()
            optimizer.step()
            schedule.step()
            add_parts(sums, parts, len(x))
        seconds = time.perf_counter() - started
        report = EpochReport(
            epoch=epoch,
            epochs=config.epochs,
            train=mean_parts(sums, len(x_train)),
            test=evaluate(model, test_images, device=device),
            images_per_second=len(x_train) / seconds,
            seconds=seconds,
        )
        history.reports.append(report)
        if on_epoch is not None:
            on_epoch(report)
    model.eval()
    return history
