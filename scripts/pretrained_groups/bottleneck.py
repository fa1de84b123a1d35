"""The Bottleneck page's files: conv AEs at k = 2 ... 64 and one PCA basis, fitted on the same split."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from explorer.core.pca import fit_pca, pca_reconstruct
from explorer.models import ConvAE, ConvAEConfig
from explorer.training.fit import TrainConfig, pixel_errors
from scripts.pretrained_groups.common import BuildContext, log

KS = (2, 4, 8, 16, 32, 64)
TINY_KS = (4, 16)  # 16: the home page draws with the k = 16 model
TRAIN = TrainConfig(epochs=40, batch_size=64, lr=2e-3, seed=0, max_shift=2)
# Random shifts regularise the wide codes, which overfit 4,000 images (k = 32: test MSE 0.0087
# without, 0.0067 with), but cost the narrow ones, which must then spend code on position too
# (k = 2: 0.049 without, 0.056 with). So narrow codes train on the images as they are.
SHIFT_FROM_K = 8


def train_config(k: int) -> TrainConfig:
    return TRAIN if k >= SHIFT_FROM_K else replace(TRAIN, max_shift=0)


def build_pca(ctx: BuildContext, ks: tuple[int, ...]) -> dict:
    """One basis of max(ks) components serves every k; metrics at each k on the test split."""
    data = ctx.data
    basis = fit_pca(data.train_images, max(ks))
    np.savez(ctx.path("pca.npz"), mean=basis.mean, components=basis.components,
             explained_variance=basis.explained_variance)
    metrics = {}
    for k in ks:
        errors = pixel_errors(pca_reconstruct(basis, data.test_images, k), data.test_images)
        metrics[str(k)] = {"test_mse": errors.mse, "test_bce": errors.bce}
        log.info("PCA k=%d: test MSE %.5f", k, errors.mse)
    return {"file": ctx.relative("pca.npz"), "max_k": max(ks), "fitted_on": f"{data.name} train split",
            "metrics": metrics}


def build(ctx: BuildContext) -> dict:
    ks = TINY_KS if ctx.tiny else KS
    models = {
        f"ae_k{k}": ctx.train(f"ae_k{k}", lambda k=k: ConvAE(ConvAEConfig(latent_dim=k)), train_config(k))
        for k in ks
    }
    info = {"pca": build_pca(ctx, ks), "ae_models": {str(k): f"ae_k{k}" for k in ks}}
    return {"models": models, "info": info}
