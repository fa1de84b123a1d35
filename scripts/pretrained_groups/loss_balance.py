"""The Loss-balance page's reference runs: one MLP VAE at β = 0 ... 8, same seed, same settings.

Besides each run's weights (float16: seven runs stay under 6 MB) it stores what the page shows
before anything trains: the loss curves per epoch, and the reconstructions, prior samples and
per-dimension KL of the finished run on the page's fixed probe.
"""

from __future__ import annotations

import numpy as np
import torch

from explorer.models import MLPVAE
from explorer.topics.loss_balance.epoch_view import make_probe, view_epoch
from explorer.topics.loss_balance.references import reference_arrays
from explorer.topics.loss_balance.settings import REFERENCE_BETAS, REFERENCE_LATENT, model_config, reference_name
from explorer.training.fit import TrainConfig
from scripts.pretrained_groups.common import BuildContext, log

TRAIN = TrainConfig(epochs=30, batch_size=128, lr=2e-3, seed=0)  # the live run's settings, run twice as long
TINY_BETAS = (0.0, 1.0, 8.0)


def build(ctx: BuildContext) -> dict:
    probe = make_probe(ctx.data.test_images, ctx.data.test_labels, REFERENCE_LATENT)
    models, runs = {}, {}
    for beta in TINY_BETAS if ctx.tiny else REFERENCE_BETAS:
        name = reference_name(beta)
        built, reports = [], []

        def make_model(beta=beta, built=built):
            built.append(MLPVAE(model_config(beta)))
            return built[-1]

        models[name] = ctx.train(name, make_model, TRAIN, on_epoch=reports.append, weights_dtype=torch.float16)
        view = view_epoch(probe, built[-1], reports[-1])
        np.savez(ctx.path(f"{name}.npz"), **reference_arrays(reports, view))
        runs[f"{beta:g}"] = {"model": name, "arrays": ctx.relative(f"{name}.npz")}
        log.info("β=%g: test recon %.1f, KL %.1f, %d active dimensions", beta, reports[-1].test.loss.recon,
                 reports[-1].test.loss.kl, view.active_dims)
    return {"models": models, "info": {"runs": runs, "latent_dim": REFERENCE_LATENT}}
