"""The VQ-VAE page's files: a VQ-VAE (7 x 7 tokens from a codebook of K = 64), a tiny transformer prior over its
token grids, and what the shipped digit classifier makes of grids sampled from the prior and drawn uniformly.

The codebook learns by a moving average of the vectors that chose each entry, with unused entries moved onto
live vectors (explorer/models/vector_quantiser.py). Measured on this data, K = 64, D = 16, 30 epochs each, the
three ways of learning a codebook (test MSE; perplexity; entries no test cell chose):
- codebook loss + commitment loss (the paper's first version): 0.00466; 37.0; 2 dead;
- moving average, no restarts: 0.00462; 13.2; 10 dead;
- moving average with restarts (shipped): 0.00382; 41.1; none dead.
"""

from __future__ import annotations

import time
from dataclasses import asdict, replace

import numpy as np
import torch

from explorer.checkpoints.store import PretrainedStore
from explorer.checkpoints.writing import model_record, save_model
from explorer.core.runtime import seed_everything
from explorer.models import VQVAE, TokenPrior, TokenPriorConfig, VQVAEConfig
from explorer.topics.vqvae.bits import png_bits, rounded_code_error
from explorer.topics.vqvae.logic import bits_per_image, encode, usage
from explorer.topics.vqvae.prior import mean_bits, next_token_loss, prior_samples, training_grids, uniform_samples
from explorer.training.fit import TrainConfig
from explorer.training.steps import StepTrainConfig, train_steps
from scripts.pretrained_groups.common import BuildContext, log

CONFIG = VQVAEConfig(codebook_size=64, code_dim=16)
TRAIN = TrainConfig(epochs=30, batch_size=64, lr=2e-3, seed=0, max_shift=2)
PRIOR = StepTrainConfig(steps=3000, batch_size=64, lr=1e-3, seed=0, report_every=250)
TINY_PRIOR = {"steps": 20, "batch_size": 8, "report_every": 20}
SCORED = 1000  # grids of each kind decoded and scored by the classifier
TINY_SCORED = 16
SAMPLE_SEED = 0


def digit_judge(ctx: BuildContext):
    """The diffusion group's classifier, from the folder being built (GROUPS builds diffusion first)."""
    store = PretrainedStore(ctx.out)
    name = store.group("diffusion")["classifier"]
    return name, store.load_model(name)


def rounded_ae_errors(ctx: BuildContext) -> dict[str, float]:
    """The Bottleneck page's autoencoders (from the folder being built) with their code numbers rounded to 8 bits."""
    store = PretrainedStore(ctx.out)
    errors = {}
    for k, name in store.group("bottleneck")["ae_models"].items():
        errors[k] = rounded_code_error(store.load_model(name), ctx.data.train_images, ctx.data.test_images)
        log.info("bottleneck AE k=%s, code rounded to 8 bits a number: test MSE %.5f", k, errors[k])
    return errors


def train_prior(ctx: BuildContext, model: VQVAE, test_grids: np.ndarray) -> tuple[TokenPrior, dict]:
    config = replace(PRIOR, **TINY_PRIOR) if ctx.tiny else PRIOR
    started = time.perf_counter()
    grids = torch.from_numpy(training_grids(model, ctx.data.train_images))
    seed_everything(config.seed)
    prior = TokenPrior(TokenPriorConfig(codebook_size=model.config.codebook_size))

    def report(step: int, value: float) -> None:
        log.info("token_prior step %d/%d: loss %.3f nats a token (%.0f s)", step, config.steps, value,
                 time.perf_counter() - started)

    losses = train_steps(prior, next_token_loss, grids, config, on_report=report)
    save_model(prior, ctx.path("token_prior.safetensors"))
    metrics = {"final_train_loss": losses[-1], "train_grids": len(grids),
               "test_bits_per_image": mean_bits(prior, test_grids),
               "train_seconds": round(time.perf_counter() - started, 1)}
    record = model_record(prior, file=ctx.relative("token_prior.safetensors"), dataset=ctx.data.name,
                          seed=config.seed, train=asdict(config), metrics=metrics)
    return prior, record | {"group": ctx.group}


def build(ctx: BuildContext) -> dict:
    started = time.perf_counter()
    record = ctx.train("vq_vae", lambda: VQVAE(CONFIG), TRAIN)
    model = ctx.trained["vq_vae"]
    vq_seconds = time.perf_counter() - started
    test = encode(model, ctx.data.test_images)
    used = usage(test.tokens, CONFIG.codebook_size)
    pngs = png_bits(ctx.data.test_images)
    metrics = {
        "perplexity": used.perplexity,
        "dead_codes": int(len(used.dead)),
        "dead_code_indices": used.dead.tolist(),
        "bits_per_image": bits_per_image(CONFIG.codebook_size),
        "png_bits_mean": float(pngs.mean()),
        "png_bits_median": float(np.median(pngs)),
        "png_bits_min": int(pngs.min()),
        "png_bits_max": int(pngs.max()),
    }
    record["metrics"] |= {"train_seconds": round(vq_seconds, 1)} | metrics
    log.info("vq_vae: test MSE %.5f, perplexity %.1f, %d dead codes (%.0f s)", record["metrics"]["test_mse"],
             used.perplexity, len(used.dead), vq_seconds)

    prior, prior_record = train_prior(ctx, model, test.tokens)
    judge_name, judge = digit_judge(ctx)
    count = TINY_SCORED if ctx.tiny else SCORED
    scores = {"prior": prior_samples(model, prior, judge, count, SAMPLE_SEED).scores.to_json(),
              "uniform": uniform_samples(model, judge, count, SAMPLE_SEED).scores.to_json()}
    for kind, score in scores.items():
        log.info("%s grids: classifier confidence %.3f, spread %.3f", kind, score["mean_confidence"],
                 score["class_spread"])
    info = {
        "model": "vq_vae",
        "metrics": metrics,  # the VQ-VAE's figures again, where the page reads them beside the prior's
        "prior": {"model": "token_prior", "test_bits_per_image": prior_record["metrics"]["test_bits_per_image"],
                  "classifier": judge_name, "sample_seed": SAMPLE_SEED, "scores": scores},
        "png": "each test digit saved as an 8-bit greyscale PNG by Pillow (optimize=True), whole file",
        "rounded_ae_mse": rounded_ae_errors(ctx),
        "build_seconds": round(time.perf_counter() - started, 1),
    }
    return {"models": {"vq_vae": record, "token_prior": prior_record}, "info": info}
