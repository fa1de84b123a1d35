"""The Shapes page's files: one MLP β-VAE per β of SHIPPED_BETAS on the shapes data set (made in code, every
combination of its five factors), same seed and settings otherwise, each scored against the true factors."""

from __future__ import annotations

import torch

from explorer.core.shapes import make_shapes
from explorer.models import MLPVAE
from explorer.topics.shapes.scores import score_code, split
from explorer.topics.shapes.settings import LATENT_DIM, SHIPPED_BETAS, TRAIN, model_config, run_name
from scripts.pretrained_groups.common import BuildContext, log

DATASET = "shapes"
TINY_BETAS = (1.0, 16.0)


def build(ctx: BuildContext) -> dict:
    shapes = make_shapes()
    train, test = split(len(shapes))
    if ctx.tiny:  # every 40th image: enough to exercise each step in seconds
        train, test = train[::40], test[::40]
    models, runs = {}, {}
    for beta in TINY_BETAS if ctx.tiny else SHIPPED_BETAS:
        name = run_name(beta)
        record = ctx.train(name, lambda beta=beta: MLPVAE(model_config(beta)), TRAIN,
                           train_images=shapes.images[train], test_images=shapes.images[test], dataset=DATASET,
                           weights_dtype=torch.float16)
        scores = score_code(ctx.trained[name], shapes)
        record["metrics"] |= scores.to_json()
        models[name] = record
        runs[f"{beta:g}"] = name
        log.info("β=%g: MIG %.3f, gaps %s, %d active dimensions", beta, scores.found.mig,
                 [round(float(gap), 2) for gap in scores.found.gaps], int(scores.active.sum()))
    return {"models": models, "info": {"runs": runs, "latent_dim": LATENT_DIM, "dataset": DATASET}}
