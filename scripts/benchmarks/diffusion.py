"""The Diffusion page's samplers on the shipped networks: DDIM 50 steps and latent DDPM 1,000 steps,
16 images each, with the models loaded (as the page has them after its first open)."""

from __future__ import annotations

import time

import torch

from scripts.benchmarks.stats import median


def run(runs: int) -> dict:
    from explorer.checkpoints.store import PretrainedStore
    from explorer.core.runtime import set_app_threads
    from explorer.topics.diffusion.logic import BATCH, make_scheduler, sample_latents, sample_pixels

    set_app_threads()  # as the app runs them
    store = PretrainedStore()
    info = store.group("diffusion")
    unet, vae, denoiser = (store.load_model(info[key]) for key in ("unet", "vae", "latent_denoiser"))
    ddim = make_scheduler(info["schedule"], "ddim", 50)
    ddpm = make_scheduler(info["schedule"], "ddpm", clip_sample=None)
    sample_pixels(unet, ddim, count=BATCH, seed=0)  # warm-up: first calls allocate
    pixel, latent, latent_with_frames = [], [], []
    for seed in range(runs):
        pixel.append(sample_pixels(unet, ddim, count=BATCH, seed=seed).seconds)
        started = time.perf_counter()
        result = sample_latents(denoiser, vae, ddpm, count=BATCH, seed=seed)
        latent_with_frames.append(time.perf_counter() - started)
        latent.append(result.seconds)
    return {
        "torch_threads": torch.get_num_threads(),
        "pixel_ddim50_16_images_s": {"median": median(pixel), "target_under": 2.0},
        "latent_ddpm1000_16_images_s": {"median": median(latent), "target_under": 1.0},
        "latent_ddpm1000_with_decoding_kept_frames_s": {"median": median(latent_with_frames)},
    }
