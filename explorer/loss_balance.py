"""The Loss-balance page's logic: a β-VAE retrained live, what each epoch shows, and the reference runs.

Everything here is numpy in, numpy out for the page (which imports no torch); the live run goes
through explorer.train.fit and reports each epoch as an EpochView.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

import numpy as np
import torch

from explorer.data import DigitData
from explorer.models import MLPVAE, MLPVAEConfig
from explorer.models.base import Autoencoder
from explorer.models.gaussian import gaussian_kl
from explorer.runtime import DeviceError, pick_device, seed_everything
from explorer.train import EpochReport, NonFiniteLossError, TrainConfig, fit

# The β slider: dense where the trade-off moves fastest (below 1), sparse above.
BETA_CHOICES = (0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 10.0)
REFERENCE_BETAS = (0.0, 0.1, 0.5, 1.0, 2.0, 4.0, 8.0)
LATENT_CHOICES = (2, 4, 8, 16, 32)
REFERENCE_LATENT = 16  # the shipped reference runs' k: warm starts need the same shapes
HIDDEN_DIM = 256  # 784-256-k: half the 400-wide classic's file size, and faster, for 7 shipped runs
SEED = 0
SHOWN_IMAGES = 8  # fixed test images reconstructed every epoch
SHOWN_SAMPLES = 8  # fixed prior draws decoded every epoch
SCATTER_IMAGES = 500  # test images whose codes the latent scatter shows
ACTIVE_KL = 0.1  # nats: below this a dimension carries next to nothing about the image (it has collapsed)
# Live training on a CPU uses one thread: with this small MLP, two threads on a busy 2-core machine
# ran 6 to 10 times slower than one (spinning threads wait on each other), and a shared host is busy.
LIVE_CPU_THREADS = 1
START_MODES = {"warm": "Warm start from the nearest shipped run", "scratch": "From scratch (fixed seed)"}


@dataclass(frozen=True)
class RunSettings:
    beta: float = 1.0
    latent_dim: int = REFERENCE_LATENT
    epochs: int = 15
    dataset: str = "mnist-5k"
    start: str = "warm"  # a key of START_MODES; warm starts taken only at k = REFERENCE_LATENT

    def __post_init__(self):
        if not (isinstance(self.beta, int | float) and math.isfinite(self.beta) and self.beta >= 0):
            raise ValueError(f"β must be a number ≥ 0, not {self.beta!r}")
        if self.latent_dim < 1 or self.epochs < 1:
            raise ValueError("the latent size and the number of epochs must be at least 1")
        if self.start not in START_MODES:
            raise ValueError(f"unknown start {self.start!r}; choose one of {sorted(START_MODES)}")

    @property
    def warm(self) -> bool:
        return self.start == "warm" and self.latent_dim == REFERENCE_LATENT

    def train_config(self) -> TrainConfig:
        return TrainConfig(epochs=self.epochs, batch_size=128, lr=2e-3, seed=SEED)


def model_config(beta: float, latent_dim: int = REFERENCE_LATENT) -> MLPVAEConfig:
    return MLPVAEConfig(latent_dim=latent_dim, hidden_dim=HIDDEN_DIM, beta=float(beta))


def nearest_reference(beta: float) -> float:
    """The shipped β closest on a log scale (0 counts as a small β), which a warm start begins from."""
    return min(REFERENCE_BETAS, key=lambda ref: abs(math.log(ref + 0.05) - math.log(beta + 0.05)))


def reference_name(beta: float) -> str:
    return f"lb_beta_{beta:g}".replace(".", "p")


def new_model(settings: RunSettings, warm_from: Autoencoder | None = None) -> MLPVAE:
    """A seeded MLP VAE at the run's β; with `warm_from`, its weights copied from that shipped run."""
    seed_everything(SEED)
    model = MLPVAE(model_config(settings.beta, settings.latent_dim))
    if warm_from is not None:
        model.load_state_dict(warm_from.state_dict())
    return model


@dataclass(frozen=True)
class Probe:
    """What every epoch is shown on: fixed test images, fixed prior draws, codes of a test sample."""

    images: np.ndarray  # SHOWN_IMAGES x 1 x 28 x 28
    prior: np.ndarray  # SHOWN_SAMPLES x k, draws from N(0, I)
    scatter_images: np.ndarray  # m x 1 x 28 x 28
    scatter_labels: np.ndarray  # m


def make_probe(test_images: np.ndarray, test_labels: np.ndarray, latent_dim: int) -> Probe:
    rng = np.random.default_rng(SEED)
    shown = rng.choice(len(test_images), size=SHOWN_IMAGES, replace=False)
    scatter = rng.choice(len(test_images), size=min(SCATTER_IMAGES, len(test_images)), replace=False)
    return Probe(
        images=test_images[shown],
        prior=rng.standard_normal((SHOWN_SAMPLES, latent_dim)).astype(np.float32),
        scatter_images=test_images[scatter],
        scatter_labels=test_labels[scatter],
    )


@dataclass(frozen=True)
class EpochView:
    """Everything the page draws for one epoch of a run."""

    epoch: int
    epochs: int
    train: dict[str, float]  # loss parts, mean per image
    test: dict[str, float]
    images_per_second: float
    reconstructions: np.ndarray  # SHOWN_IMAGES x 1 x 28 x 28
    samples: np.ndarray  # SHOWN_SAMPLES x 1 x 28 x 28
    kl_per_dim: np.ndarray  # k, mean over the scatter images, nats
    codes_2d: np.ndarray  # m x 2: the codes themselves at k = 2, else their first two principal components
    code_means: np.ndarray  # k: where the traversal starts

    @property
    def active_dims(self) -> int:
        return active_dimensions(self.kl_per_dim)


def active_dimensions(kl_per_dim: np.ndarray) -> int:
    return int((np.asarray(kl_per_dim) > ACTIVE_KL).sum())


def project_2d(codes: np.ndarray) -> np.ndarray:
    """k = 2: the codes; otherwise their projection onto the two directions they vary most along."""
    if codes.shape[1] <= 2:
        return np.pad(codes, ((0, 0), (0, 2 - codes.shape[1])))
    centred = codes - codes.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    return centred @ vt[:2].T


@torch.inference_mode()
def view_epoch(model: Autoencoder, probe: Probe, report: EpochReport) -> EpochView:
    """The probe seen through the model wherever it trains (CPU or GPU); numpy arrays back."""
    model.eval()
    device = next(model.parameters()).device

    def run(function, array: np.ndarray) -> torch.Tensor:
        return function(torch.from_numpy(array).to(device))

    posterior = run(model.encode, probe.scatter_images)
    codes = posterior.mean.cpu().numpy()
    return EpochView(
        epoch=report.epoch,
        epochs=report.epochs,
        train=dict(report.train),
        test=dict(report.test),
        images_per_second=report.images_per_second,
        reconstructions=run(model.reconstruct, probe.images).cpu().numpy(),
        samples=run(model.decode, probe.prior).cpu().numpy(),
        kl_per_dim=gaussian_kl(posterior).mean(dim=0).cpu().numpy(),
        codes_2d=project_2d(codes),
        code_means=codes.mean(axis=0),
    )


@dataclass
class LiveRun:
    """One run of one session: its settings, every epoch shown so far, and how it ended."""

    settings: RunSettings
    model: MLPVAE
    device: str
    views: list[EpochView] = field(default_factory=list)
    status: str = "training"  # training, finished, stopped (interrupted by a new run), failed
    problem: str | None = None  # why it failed, in words
    trained_at: list[float] = field(default_factory=list)  # time.perf_counter() at the end of each epoch
    shown: list[tuple[int, float]] = field(default_factory=list)  # (epochs done, time.perf_counter()) per redraw

    @property
    def last(self) -> EpochView | None:
        return self.views[-1] if self.views else None


@contextmanager
def torch_threads(count: int | None) -> Iterator[None]:
    """torch's intra-op thread count set to `count` (None: unchanged) for the block, then restored."""
    previous = torch.get_num_threads()
    if count is not None:
        torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


class _StopRequested(Exception):
    """Raised inside fit() by the training thread when the page asked the run to stop."""


def train_live(
    run: LiveRun, train_images: np.ndarray, test_images: np.ndarray, probe: Probe,
    on_view: Callable[[EpochView], None], poll_seconds: float = 0.02,
) -> LiveRun:
    """fit() the run's model in a worker thread; the calling (script) thread draws each new epoch.

    Drawing four charts costs about as long as a CPU epoch, so it runs beside the training instead of
    between epochs. Each new EpochView is passed to `on_view` (when drawing falls behind, only the newest:
    the curves still hold every epoch). A failure (NaN loss, out of memory) ends the run as "failed" with
    what it learned so far. An interruption of the calling thread (Streamlit stopping the script because
    a widget moved) stops the training at its next epoch, ends the run as "stopped" and propagates.
    """
    stop = threading.Event()
    done = threading.Event()

    def on_epoch(report: EpochReport) -> None:
        run.views.append(view_epoch(run.model, probe, report))
        run.trained_at.append(time.perf_counter())
        if stop.is_set():
            raise _StopRequested

    def work() -> None:
        try:
            with torch_threads(LIVE_CPU_THREADS if run.device == "cpu" else None):
                fit(run.model, train_images, test_images, run.settings.train_config(),
                    device=torch.device(run.device), on_epoch=on_epoch)
            run.status = "finished"
        except _StopRequested:
            run.status = "stopped"
        except NonFiniteLossError as error:
            run.status, run.problem = "failed", f"the loss stopped being a number ({error})"
        except torch.OutOfMemoryError:
            run.status, run.problem = "failed", f"the {run.device} ran out of memory"
        except Exception as error:  # any other failure: the page reports it, the next run still works
            run.status, run.problem = "failed", f"{type(error).__name__}: {error}"
        finally:
            run.model.to("cpu").eval()  # decoded on the CPU afterwards, whatever it trained on
            done.set()

    worker = threading.Thread(target=work, name="live-training", daemon=True)
    worker.start()
    drawn = 0
    try:
        while True:
            finished = done.wait(poll_seconds)
            if len(run.views) > drawn:
                drawn = len(run.views)
                on_view(run.views[drawn - 1])
                run.shown.append((drawn, time.perf_counter()))
            elif finished:
                break
    except BaseException:
        stop.set()
        worker.join()
        run.status = "stopped"
        raise
    return run


@torch.inference_mode()
def traverse(model: Autoencoder, base_code: np.ndarray, offsets: dict[int, float]) -> np.ndarray:
    """Decode `base_code` with some coordinates moved: {dimension: new value} -> 1 x 1 x 28 x 28."""
    code = np.array(base_code, dtype=np.float32).reshape(1, -1)
    for dim, value in offsets.items():
        code[0, dim] = value
    return model.decode(torch.from_numpy(code)).numpy()


def dims_by_kl(kl_per_dim: np.ndarray) -> list[int]:
    """Latent dimensions, the most informative (largest KL) first."""
    return [int(d) for d in np.argsort(-np.asarray(kl_per_dim), kind="stable")]


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


CURVE_KEYS = tuple(f"{split}_{part}" for split in ("train", "test") for part in ("loss", "recon", "kl"))


def reference_arrays(reports: list[EpochReport], view: EpochView) -> dict[str, np.ndarray]:
    """What a shipped reference run stores besides its weights."""
    curves = {f"{split}_{part}": np.array([getattr(r, split)[part] for r in reports], np.float32)
              for split in ("train", "test") for part in ("loss", "recon", "kl")}
    return curves | {"reconstructions": view.reconstructions.astype(np.float32),
                     "samples": view.samples.astype(np.float32), "kl_per_dim": view.kl_per_dim.astype(np.float32)}


def read_reference(beta: float, name: str, arrays: dict[str, np.ndarray]) -> ReferenceRun:
    return ReferenceRun(beta=beta, name=name, curves={key: arrays[key] for key in CURVE_KEYS},
                        reconstructions=arrays["reconstructions"], samples=arrays["samples"],
                        kl_per_dim=arrays["kl_per_dim"])


LIVE_TRAIN_IMAGES = 4000  # a larger torchvision set is cut to the bundled set's size: epochs stay sub-second
LIVE_TEST_IMAGES = 1000


def live_subset(data: DigitData) -> DigitData:
    """At most LIVE_*_IMAGES of each split, the same ones every time (seeded), labels kept alongside."""
    rng = np.random.default_rng(SEED)

    def cut(images: np.ndarray, labels: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
        if len(images) <= count:
            return images, labels
        chosen = np.sort(rng.choice(len(images), size=count, replace=False))
        return np.ascontiguousarray(images[chosen]), labels[chosen]

    train_images, train_labels = cut(data.train_images, data.train_labels, LIVE_TRAIN_IMAGES)
    test_images, test_labels = cut(data.test_images, data.test_labels, LIVE_TEST_IMAGES)
    return replace(data, train_images=train_images, train_labels=train_labels, test_images=test_images,
                   test_labels=test_labels)


def live_device() -> tuple[str, str | None]:
    """(device to train on, a notice when $EXPLORER_DEVICE asked for one that cannot be used)."""
    try:
        return pick_device().type, None
    except DeviceError as error:
        return "cpu", f"{error} Training on the CPU instead."


def warm_up_training() -> None:
    """A few steps of a throwaway run: a fresh process pays seconds of one-off torch set-up in its
    first training epoch (measured here: 4.6 s against 0.9 s for the next), better paid before the
    student moves β. fit() reseeds torch's global generator, so a page waits for this before seeding a real run."""
    generator = torch.Generator().manual_seed(SEED)
    model = MLPVAE(model_config(1.0))
    images = torch.rand(256, 1, 28, 28, generator=generator)
    fit(model, images[:128], images[128:], TrainConfig(epochs=1, batch_size=64), device=torch.device("cpu"))
