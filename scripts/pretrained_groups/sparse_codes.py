"""The Sparse codes page's files: one sparse autoencoder (784 -> 128 ReLU units -> 784) trained with no penalty
and with three strengths of the L1 penalty on its code, identical otherwise (same seed, same settings)."""

from __future__ import annotations

from explorer.models import SparseAE, SparseAEConfig
from explorer.topics.sparse_codes.logic import NEAR_ZERO, measure
from explorer.training.fit import TrainConfig
from scripts.pretrained_groups.common import BuildContext, log

UNITS = 128
# Chosen by looking at the features before shipping (30 epochs each): 0.1 leaves about half the units on per
# digit, 0.3 a quarter, 1 a handful, and their test errors spread from about 0.011 to 0.046.
STRENGTHS = (0.0, 0.1, 0.3, 1.0)
TINY_STRENGTHS = (0.0, 0.3)
TRAIN = TrainConfig(epochs=30, batch_size=64, lr=2e-3, seed=0)


def run_name(strength: float) -> str:
    return f"sparse_l1_{strength:g}".replace(".", "p")


def build(ctx: BuildContext) -> dict:
    models, runs = {}, {}
    for strength in TINY_STRENGTHS if ctx.tiny else STRENGTHS:
        name = run_name(strength)
        record = ctx.train(name, lambda strength=strength: SparseAE(SparseAEConfig(UNITS, l1=strength)), TRAIN)
        measured = measure(ctx.trained[name], ctx.data.test_images)
        record["metrics"] |= measured.to_json()
        models[name] = record
        runs[f"{strength:g}"] = name
        log.info("L1 %g: test MSE %.4f, %.1f active units per digit, %.0f%% dead, feature likeness %.2f",
                 strength, measured.mse, measured.use.mean_active, 100 * measured.use.dead_share, measured.likeness)
    return {"models": models, "info": {"runs": runs, "units": UNITS, "near_zero": NEAR_ZERO}}
