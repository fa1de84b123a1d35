"""Training on the student's own data set: a run's settings, the split into images it trains on and held-out
ones, and the seeded model a run starts from."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.core.runtime import seed_everything
from explorer.models import MLPAE, MLPVAE, MLPAEConfig, MLPVAEConfig
from explorer.models.base import Autoencoder
from explorer.training.fit import TrainConfig
from explorer.training.live import DeferredWarmUp, LiveRun

MODELS = {"ae": "AE", "vae": "VAE"}
MODEL_WORDS = {"ae": "plain autoencoder (AE)", "vae": "variational autoencoder (VAE)"}
LATENT_CHOICES = (2, 4, 8, 16, 32)
HIDDEN_DIM = 256  # 784-256-k, as on Loss balance: small enough to train live on a CPU
SEED = 0
HELD_OUT_SHARE = 0.1
MIN_HELD_OUT = 10  # a small set still keeps enough held-out images to judge the reconstructions by
MAX_BATCH = 128
MIN_STEPS_PER_EPOCH = 16  # a set of a few hundred images takes smaller batches, so that 15 epochs still teach


@dataclass(frozen=True)
class RunSettings:
    model: str = "vae"  # a key of MODELS
    latent_dim: int = 8
    epochs: int = 15
    train_count: int = 0  # images it trains on: sets the batch size

    def __post_init__(self):
        if self.model not in MODELS:
            raise ValueError(f"unknown model {self.model!r}; choose one of {sorted(MODELS)}")
        if self.latent_dim < 1 or self.epochs < 1:
            raise ValueError("the code size and the number of epochs must be at least 1")

    @property
    def title(self) -> str:
        return f"{MODELS[self.model]}, k = {self.latent_dim}"

    def train_config(self) -> TrainConfig:
        batch = min(MAX_BATCH, max(8, self.train_count // MIN_STEPS_PER_EPOCH))
        return TrainConfig(epochs=self.epochs, batch_size=batch, lr=2e-3, seed=SEED)


@dataclass(frozen=True)
class Split:
    train: np.ndarray  # indices into the data set, ascending
    held_out: np.ndarray


def split_indices(count: int, seed: int = SEED) -> Split:
    """A fixed tenth (at least MIN_HELD_OUT images) held out from training, the same for the same count."""
    if count < 2 * MIN_HELD_OUT:
        raise ValueError(f"{count} images are too few to split into training and held-out images")
    held = max(MIN_HELD_OUT, round(count * HELD_OUT_SHARE))
    order = np.random.default_rng(seed).permutation(count)
    return Split(train=np.sort(order[held:]), held_out=np.sort(order[:held]))


def new_model(settings: RunSettings) -> Autoencoder:
    """A seeded MLP AE or VAE (β = 1, the standard VAE) of the run's code size."""
    seed_everything(SEED)
    if settings.model == "ae":
        return MLPAE(MLPAEConfig(latent_dim=settings.latent_dim, hidden_dim=HIDDEN_DIM))
    return MLPVAE(MLPVAEConfig(latent_dim=settings.latent_dim, hidden_dim=HIDDEN_DIM, beta=1.0))


def begin_run(settings: RunSettings, device: str, warm_up: DeferredWarmUp) -> LiveRun:
    """A new run, once the server's one-off torch warm-up is done (it would otherwise draw on the seeded
    generator while this run seeds it)."""
    warm_up.join()
    return LiveRun(settings=settings, model=new_model(settings), device=device)
