"""The Shapes page's settings: the shipped β runs, their model, and one live run's settings."""

from __future__ import annotations

import math
from dataclasses import dataclass

from explorer.models import MLPVAEConfig
from explorer.training.fit import TrainConfig

GROUP = "shapes"
KEPT_GROUP = "shapes_kept"  # measured from the shapes group's shipped runs, built after it (topics/shapes/kept.py)
SHIPPED_BETAS = (1.0, 2.0, 4.0, 8.0, 16.0)
LIVE_BETAS = (0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 24.0, 32.0)
LATENT_DIM = 8  # more than the five true factors, so a model is free to leave dimensions unused
HIDDEN_DIM = 256  # 784-256-8, an MLP as on Loss balance: a live epoch over 11,000 shapes takes about a second
SEED = 0
TEST_SHARE = 0.1  # of the shapes, held out for the test metrics (the scores use every shape)
ACTIVE_KL = 0.1  # nats: as on Loss balance, a dimension below this carries next to nothing
TRAVERSAL_STEPS = 7
TRAVERSAL_REACH = 2.5  # a row walks its dimension from -2.5 to 2.5, the prior's likely range
TRAIN = TrainConfig(epochs=30, batch_size=128, lr=1e-3, seed=SEED)


@dataclass(frozen=True)
class ShapesRunSettings:
    beta: float = 4.0
    epochs: int = 10

    def __post_init__(self):
        if not (isinstance(self.beta, int | float) and math.isfinite(self.beta) and self.beta > 0):
            raise ValueError(f"β must be a number above 0, not {self.beta!r}")
        if self.epochs < 1:
            raise ValueError("a run needs at least one epoch")

    def train_config(self) -> TrainConfig:
        return TrainConfig(epochs=self.epochs, batch_size=TRAIN.batch_size, lr=TRAIN.lr, seed=SEED)


def model_config(beta: float) -> MLPVAEConfig:
    return MLPVAEConfig(latent_dim=LATENT_DIM, hidden_dim=HIDDEN_DIM, beta=float(beta))


def run_name(beta: float) -> str:
    return f"shapes_beta_{beta:g}".replace(".", "p")


def nearest_shipped(beta: float, shipped: tuple[float, ...] = SHIPPED_BETAS) -> float:
    """The shipped β closest on a log scale: a live run warm-starts from it."""
    return min(shipped, key=lambda each: abs(math.log(each) - math.log(beta)))
