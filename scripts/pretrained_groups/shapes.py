"""The Shapes page's files: one MLP β-VAE per β of SHIPPED_BETAS on the shapes data set (made in code, every
combination of its five factors), same settings otherwise, each scored against the true factors.

MIG moves a lot between two trainings that differ only in their seed, so each β is also trained with
EXTRA_SEEDS: their scores go into the manifest (the page shows the spread and judges a trend by it); only the
first seed's weights are shipped."""

from __future__ import annotations

from dataclasses import replace

import torch

from explorer.core.runtime import seed_everything
from explorer.core.shapes import make_shapes
from explorer.models import MLPVAE
from explorer.topics.shapes.scores import score_code, split
from explorer.topics.shapes.settings import LATENT_DIM, SHIPPED_BETAS, TRAIN, model_config, run_name
from explorer.training.fit import fit
from scripts.pretrained_groups.common import BuildContext, log

DATASET = "shapes"
TINY_BETAS = (1.0, 16.0)
EXTRA_SEEDS = (1, 2)


def build(ctx: BuildContext) -> dict:
    shapes = make_shapes()
    train, test = split(len(shapes))
    if ctx.tiny:  # every 40th image: enough to exercise each step in seconds
        train, test = train[::40], test[::40]
    models, runs, seed_migs = {}, {}, {}
    for beta in TINY_BETAS if ctx.tiny else SHIPPED_BETAS:
        name = run_name(beta)
        record = ctx.train(name, lambda beta=beta: MLPVAE(model_config(beta)), TRAIN,
                           train_images=shapes.images[train], test_images=shapes.images[test], dataset=DATASET,
                           weights_dtype=torch.float16)
        scores = score_code(ctx.trained[name], shapes)
        record["metrics"] |= scores.to_json()
        models[name] = record
        runs[f"{beta:g}"] = name
        migs = [scores.mig]
        for seed in EXTRA_SEEDS:
            config = ctx.scaled(replace(TRAIN, seed=seed))
            seed_everything(seed)
            model = MLPVAE(model_config(beta))
            fit(model, shapes.images[train], shapes.images[test], config, device=ctx.device)
            migs.append(score_code(model.cpu(), shapes).mig)
        seed_migs[f"{beta:g}"] = migs
        log.info("β=%g: MIG %.3f (seeds %s), gaps %s, %d active dimensions", beta, scores.mig,
                 [round(mig, 3) for mig in migs], [round(float(gap), 2) for gap in scores.gaps],
                 int(scores.active.sum()))
    return {"models": models, "info": {"runs": runs, "seed_migs": seed_migs, "seeds": [TRAIN.seed, *EXTRA_SEEDS],
                                       "latent_dim": LATENT_DIM, "dataset": DATASET}}
