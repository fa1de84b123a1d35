"""The Diffusion page's samples at its default settings, made from the shipped diffusion networks (GROUPS builds
the diffusion group first) by the page's own code: its first visitor sees them without waiting for a sampler.
Seconds to build, so a change of the page's defaults needs only `--only diffusion_samples`."""

from __future__ import annotations

import numpy as np
import torch

from explorer.checkpoints.store import PretrainedStore
from explorer.topics.diffusion.logic import run_latents, run_pixels
from explorer.topics.diffusion.shipped import FILE, NETWORKS, RUNS, frames_to_arrays, group_info
from scripts.pretrained_groups.common import BuildContext, log


def build(ctx: BuildContext) -> dict:
    store = PretrainedStore(ctx.out)
    diffusion = store.group("diffusion")
    unet, vae, latent_denoiser = (store.load_model(diffusion[role]) for role in NETWORKS)
    results = {"pixel": run_pixels(unet, diffusion["schedule"], RUNS["pixel"], ctx.data.test_images),
               "latent": run_latents(latent_denoiser, vae, diffusion["schedule"], RUNS["latent"])}
    arrays = {key: value for name, frames in results.items() for key, value in frames_to_arrays(name, frames).items()}
    np.savez_compressed(ctx.path(FILE), **arrays)
    for name, frames in results.items():
        log.info("%s samples: %d steps in %.2f s on %d thread(s)", name, frames.network_calls, frames.seconds,
                 torch.get_num_threads())
    return {"models": {}, "info": group_info(results, diffusion["schedule"], store, torch.get_num_threads())}
