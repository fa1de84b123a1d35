"""The Loss-balance page's settings: the β ladder, the shipped reference runs' shape, and one run's settings."""

from __future__ import annotations

import math
from dataclasses import dataclass

from explorer.core.data import BUNDLED
from explorer.models import MLPVAEConfig
from explorer.training.fit import TrainConfig

# The β slider: dense where the trade-off moves fastest (below 1), sparse above.
BETA_CHOICES = (0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 10.0)
REFERENCE_BETAS = (0.0, 0.1, 0.5, 1.0, 2.0, 4.0, 8.0)
LATENT_CHOICES = (2, 4, 8, 16, 32)
REFERENCE_LATENT = 16  # the shipped reference runs' k: warm starts need the same shapes
HIDDEN_DIM = 256  # 784-256-k: a smaller file than the VAE paper's 500-wide layer, and faster, for 7 shipped runs
SEED = 0
SHOWN_IMAGES = 8  # fixed test images reconstructed every epoch
SHOWN_SAMPLES = 8  # fixed prior draws decoded every epoch
SCATTER_IMAGES = 500  # test images whose codes the latent scatter shows
ACTIVE_KL = 0.1  # nats: below this a dimension carries next to nothing about the image (it has collapsed)
LIVE_TRAIN_IMAGES = 4000  # a larger torchvision set is cut to the bundled set's size: epochs stay sub-second
LIVE_TEST_IMAGES = 1000
START_MODES = {"warm": "Warm start from the nearest shipped run", "scratch": "From scratch (fixed seed)"}


@dataclass(frozen=True)
class RunSettings:
    beta: float = 1.0
    latent_dim: int = REFERENCE_LATENT
    epochs: int = 15
    dataset: str = BUNDLED
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
