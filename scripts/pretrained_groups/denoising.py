"""The Denoising page's files: a denoising conv AE, a plain one trained alike, and PSNR curves."""

from __future__ import annotations

import numpy as np
import torch

from explorer.core.noise import add_mixed_noise
from explorer.models import ConvAE, ConvAEConfig
from explorer.topics.denoising.logic import psnr_curves
from explorer.training.fit import TrainConfig
from scripts.pretrained_groups.common import BuildContext

CONFIG = ConvAEConfig(latent_dim=32)  # the Bottleneck page's k = 32 layers
TRAIN = TrainConfig(epochs=30, batch_size=64, lr=2e-3, seed=0, max_shift=2)
MAX_TRAIN_LEVEL = 0.6  # the DAE sees every kind of noise at levels up to this; the curve goes further
LEVELS = [round(0.1 * i, 1) for i in range(9)]  # 0 ... 0.8: what the page's slider offers
TINY_LEVELS = [0.0, 0.2, 0.4]


def corrupt(x: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """A fresh mix of noise for each batch, drawn from fit's seeded generator so a build repeats."""
    seed = int(torch.randint(0, 2**31 - 1, (1,), generator=generator))
    noisy = add_mixed_noise(x.cpu().numpy(), max_level=MAX_TRAIN_LEVEL, seed=seed)
    return torch.from_numpy(noisy).to(x.device)


def build(ctx: BuildContext) -> dict:
    models = {
        "denoise_plain_ae": ctx.train("denoise_plain_ae", lambda: ConvAE(CONFIG), TRAIN),
        "denoise_dae": ctx.train("denoise_dae", lambda: ConvAE(CONFIG), TRAIN, corrupt=corrupt),
    }
    curves = psnr_curves(ctx.trained["denoise_plain_ae"], ctx.trained["denoise_dae"],
                         np.asarray(ctx.data.test_images), TINY_LEVELS if ctx.tiny else LEVELS)
    info = {"plain_model": "denoise_plain_ae", "denoising_model": "denoise_dae",
            "max_train_level": MAX_TRAIN_LEVEL, "psnr_curves": curves.to_json()}
    return {"models": models, "info": info}
