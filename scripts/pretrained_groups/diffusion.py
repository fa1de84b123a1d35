"""The Diffusion page's files: a pixel U-Net, a VAE and a denoiser of its codes, a digit classifier,
and the quality of each way of sampling as that classifier scores it.

Everything trains for a bounded number of steps with a fixed seed. The U-Net takes most of the
time (40 minutes on 2 cores, the whole group 45): at 1,500 steps, without the moving average of its
weights, its samples were strokes rather than digits.

What the page shows of the networks themselves (each denoiser's step cost) is measured here too, and `measure`
measures it again from the shipped files without retraining (`train_pretrained.py --only diffusion --measure`).
"""

from __future__ import annotations

import time
from dataclasses import asdict, replace

import numpy as np
import torch
from safetensors.torch import load_file

from explorer.checkpoints.store import PretrainedStore
from explorer.checkpoints.writing import model_record, save_model
from explorer.core.runtime import seed_everything
from explorer.core.schedulers import pixels_to_signal
from explorer.models import (
    ConvVAE,
    ConvVAEConfig,
    DigitClassifier,
    DigitClassifierConfig,
    LatentDenoiser,
    LatentDenoiserConfig,
    UNet,
    UNetConfig,
)
from explorer.models.digit_likeness import class_probabilities, score_images
from explorer.topics.diffusion.cost import measured_step_costs
from explorer.topics.diffusion.logic import (
    make_scheduler,
    sample_latents,
    sample_pixels,
    vae_prior_samples,
)
from explorer.training.fit import TrainConfig
from explorer.training.steps import (
    StepTrainConfig,
    classification_loss,
    denoising_loss,
    train_steps,
)
from scripts.pretrained_groups.common import BuildContext, log

SCHEDULE = "linear"  # the schedule both denoisers are trained and sampled with
VAE = TrainConfig(epochs=40, batch_size=64, lr=2e-3, seed=0)
UNET = StepTrainConfig(steps=10_000, batch_size=32, lr=2e-3, seed=0, ema_decay=0.999)
LATENT = StepTrainConfig(steps=4000, batch_size=128, lr=1e-3, seed=0)
CLASSIFIER = StepTrainConfig(steps=600, batch_size=64, lr=1e-3, seed=0)
TINY = {"steps": 20, "batch_size": 8}  # enough to exercise every step of the group in seconds
QUALITY = {"pixel_images": 64, "pixel_ddim_steps": 50, "latent_images": 256, "vae_images": 256}
TINY_QUALITY = {"pixel_images": 8, "pixel_ddim_steps": 5, "latent_images": 8, "vae_images": 8}


def train_network(ctx: BuildContext, name: str, model: torch.nn.Module, loss, inputs: torch.Tensor,
                  config: StepTrainConfig, *, targets: torch.Tensor | None = None, metrics=None) -> dict:
    """Train by steps, save, and return the manifest record (metrics from `metrics(model)`)."""
    if ctx.tiny:
        config = replace(config, report_every=TINY["steps"], **TINY)
    started = time.perf_counter()

    def report(step: int, value: float) -> None:
        log.info("%s step %d/%d: loss %.4f (%.0f s)", name, step, config.steps, value, time.perf_counter() - started)

    losses = train_steps(model, loss, inputs, config, targets=targets, on_report=report)
    file = f"{name}.safetensors"
    save_model(model, ctx.path(file))
    values = {"final_train_loss": losses[-1], "train_seconds": round(time.perf_counter() - started, 1)}
    values |= metrics(model) if metrics is not None else {}
    record = model_record(model, file=ctx.relative(file), dataset=ctx.data.name, seed=config.seed,
                          train=asdict(config), metrics=values)
    return record | {"group": ctx.group}


def held_out_denoising_loss(scheduler, x0: torch.Tensor):
    """The noise-prediction MSE on held-out data, at fixed random t and noise (seeded)."""
    generator = torch.Generator().manual_seed(1)
    t = torch.randint(0, scheduler.num_train_timesteps, (len(x0),), generator=generator)
    noise = torch.randn(x0.shape, generator=generator)

    @torch.inference_mode()
    def metrics(network) -> dict:
        return {"test_noise_mse": torch.nn.functional.mse_loss(network(scheduler.add_noise(x0, noise, t), t),
                                                               noise).item()}

    return metrics


def quality_samples(unet, latent, vae, sizes: dict) -> dict[str, tuple[str, np.ndarray]]:
    """Each way of sampling's images, seeded, with what made them in words (the digit judge scores them too)."""
    pixel = sample_pixels(unet, make_scheduler(SCHEDULE, "ddim", sizes["pixel_ddim_steps"]),
                          count=sizes["pixel_images"], seed=0, keep_frames=1)
    latent_result = sample_latents(latent, vae, make_scheduler(SCHEDULE, "ddpm", clip_sample=None),
                                   count=sizes["latent_images"], seed=0, keep_frames=1)
    return {
        "pixel_ddim": (f"Pixel diffusion (U-Net, DDIM {sizes['pixel_ddim_steps']} steps)", pixel.samples),
        "latent_ddpm": ("Latent diffusion (MLP in the VAE's codes, DDPM 1,000 steps)", latent_result.samples),
        "vae_prior": ("Plain VAE (decode z ~ N(0, I))", vae_prior_samples(vae, sizes["vae_images"], seed=0)),
    }


def measure_quality(classifier, unet, latent, vae, test_images, sizes: dict) -> dict:
    """How digit-like each way of sampling is, beside real test digits as the ceiling."""
    started = time.perf_counter()
    samples = quality_samples(unet, latent, vae, sizes) | {"real_test": ("Real test digits (the ceiling)",
                                                                         test_images)}
    quality = {name: replace(score_images(classifier, images), method=method)
               for name, (method, images) in samples.items()}
    for name, scores in quality.items():
        log.info("quality %s: confidence %.3f, spread %.3f, counts %s", name, scores.mean_confidence,
                 scores.class_spread, scores.class_counts)
    log.info("quality measured in %.0f s", time.perf_counter() - started)
    return {name: scores.to_json() for name, scores in quality.items()}


def build(ctx: BuildContext) -> dict:
    data = ctx.data
    train_x = torch.from_numpy(data.train_images)
    test_x = torch.from_numpy(data.test_images)
    scheduler = make_scheduler(SCHEDULE, "ddpm")
    quality_sizes = TINY_QUALITY if ctx.tiny else QUALITY

    seed_everything(CLASSIFIER.seed)
    classifier = DigitClassifier(DigitClassifierConfig())

    @torch.inference_mode()
    def accuracy(model) -> dict:
        predicted = class_probabilities(model, test_x).argmax(dim=1).numpy()
        return {"test_accuracy": float((predicted == data.test_labels).mean())}

    models = {"diffusion_classifier": train_network(
        ctx, "diffusion_classifier", classifier, classification_loss, train_x, CLASSIFIER,
        targets=torch.from_numpy(data.train_labels).long(), metrics=accuracy)}

    # The latent-map issue's VAE is built in parallel; this group trains its own with the same settings.
    models["diffusion_vae"] = ctx.train("diffusion_vae", lambda: ConvVAE(ConvVAEConfig(latent_dim=16)), VAE)
    vae = ConvVAE(ConvVAEConfig(latent_dim=16))
    vae.load_state_dict(load_file(str(ctx.path("diffusion_vae.safetensors"))))  # ctx.train saved it
    vae.eval().requires_grad_(False)

    with torch.inference_mode():
        train_codes, test_codes = vae.embed(train_x), vae.embed(test_x)
    seed_everything(LATENT.seed)
    latent = LatentDenoiser(LatentDenoiserConfig(latent_dim=16))
    latent.set_code_statistics(train_codes)
    models["diffusion_latent_denoiser"] = train_network(
        ctx, "diffusion_latent_denoiser", latent, denoising_loss(scheduler), latent.standardise(train_codes), LATENT,
        metrics=held_out_denoising_loss(scheduler, latent.standardise(test_codes)))

    seed_everything(UNET.seed)
    unet = UNet(UNetConfig())
    models["diffusion_unet"] = train_network(
        ctx, "diffusion_unet", unet, denoising_loss(scheduler), pixels_to_signal(train_x), UNET,
        metrics=held_out_denoising_loss(scheduler, pixels_to_signal(test_x)))

    quality = measure_quality(classifier, unet, latent, vae, data.test_images, quality_sizes)
    info = {
        "schedule": SCHEDULE,
        "unet": "diffusion_unet",
        "vae": "diffusion_vae",
        "latent_denoiser": "diffusion_latent_denoiser",
        "classifier": "diffusion_classifier",
        "quality": quality,
    } | measured_step_costs(unet, latent)
    return {"models": models, "info": info}


def measure(store: PretrainedStore) -> dict:
    """What build() measures of the shipped networks alone, measured again from their files (no training)."""
    info = store.group("diffusion")
    return measured_step_costs(store.load_model(info["unet"]), store.load_model(info["latent_denoiser"]))
