"""The sample sets the pages judge, made again from the shipped models exactly as their groups made them for the
classifier's confidence (the same draws and seeds), so that the digit judge scores the very same images. No
training: the digit_judge group rebuilds in a minute or two."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from explorer.checkpoints.store import PretrainedStore
from explorer.models.inference import decode
from explorer.topics.latent_map.sampling import STRIPS
from explorer.topics.vqvae.logic import decode_grids, uniform_grids
from explorer.topics.vqvae.prior import prior_grids
from scripts.pretrained_groups import diffusion, vqvae

Set = tuple[str, str, np.ndarray]  # its key, what made it in words, the images


def latent_map_sets(store: PretrainedStore, k: str) -> Iterator[Set]:
    """The sampling strips' decodes: every shipped draw, through the pair's decoders."""
    group = store.group("latent_map")
    draws = store.load_arrays(group["digit_likeness"][k]["file"])
    for strip in STRIPS:
        model = store.load_model(group["pairs"][k][strip.kind])
        yield strip.key, strip.title, decode(model, draws[f"draws_{strip.source}"])


def diffusion_sets(store: PretrainedStore, tiny: bool) -> Iterator[Set]:
    group = store.group("diffusion")
    networks = (store.load_model(group[role]) for role in ("unet", "latent_denoiser", "vae"))
    sizes = diffusion.TINY_QUALITY if tiny else diffusion.QUALITY
    for key, (method, images) in diffusion.quality_samples(*networks, sizes).items():
        yield key, method, images


def vqvae_sets(store: PretrainedStore, tiny: bool) -> Iterator[Set]:
    group = store.group("vqvae")
    model, prior = store.load_model(group["model"]), store.load_model(group["prior"]["model"])
    count, seed = (vqvae.TINY_SCORED if tiny else vqvae.SCORED), group["prior"]["sample_seed"]
    yield "prior", "token grids sampled from the prior", decode_grids(model, prior_grids(prior, count, seed))
    yield "uniform", "token grids drawn uniformly at random", decode_grids(
        model, uniform_grids(model.config.codebook_size, count, seed))


def page_sets(store: PretrainedStore, tiny: bool) -> dict[str, Iterator[Set]]:
    """By page (and, for the Latent map, by code size): the sets its sentences judge."""
    pairs = store.group("latent_map")["pairs"]
    return {**{f"latent_map_k{k}": latent_map_sets(store, k) for k in pairs},
            "diffusion": diffusion_sets(store, tiny), "vqvae": vqvae_sets(store, tiny)}
