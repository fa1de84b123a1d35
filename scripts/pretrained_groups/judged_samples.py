"""The sample sets the pages judge, made again from the shipped models exactly as their groups made them for the
classifier's confidence (the same draws and seeds), so that the digit judge scores the very same images. No
training: the digit_judge group rebuilds in a minute or two."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from explorer.checkpoints.store import PretrainedStore
from explorer.core.data import load_bundled_mnist
from explorer.models.digit_judge import reference_split
from explorer.models.inference import decode
from explorer.topics.latent_map.sampling import STRIPS
from explorer.topics.loss_balance.evidence import prior_draws
from explorer.topics.vqvae.logic import decode_grids, uniform_grids
from explorer.topics.vqvae.prior import prior_grids
from scripts.pretrained_groups import diffusion, vqvae

Set = tuple[str, str, np.ndarray]  # its key, what made it in words, the images
PRIOR_DRAWS = 2000  # per shipped β run: the share judged real then moves by about 1 point between draws
TINY_PRIOR_DRAWS = 40


def latent_map_sets(store: PretrainedStore, k: str) -> Iterator[Set]:
    """The sampling strips' decodes: every shipped draw, through the pair's decoders; then each model's
    reconstructions of the held-out digits that the judge does not use as its reference."""
    group = store.group("latent_map")
    draws = store.load_arrays(group["digit_likeness"][k]["file"])
    for strip in STRIPS:
        model = store.load_model(group["pairs"][k][strip.kind])
        yield strip.key, strip.title, decode(model, draws[f"draws_{strip.source}"])
    tests = len(load_bundled_mnist().test_images)  # the codes cover every bundled image, the test split last
    for kind, name in group["pairs"][k].items():
        codes = store.load_arrays(group["files"][name]["codes"])["codes"][-tests:]
        yield (f"{kind}_redrawn", f"held-out digits reconstructed by the {kind.upper()}",
               decode(store.load_model(name), reference_split(codes)[1]))


def loss_balance_sets(store: PretrainedStore, tiny: bool) -> Iterator[Set]:
    """Each shipped β run's decodes of the same draws from N(0, I): the first are the ones the page's classifier
    scores at run time (explorer/topics/loss_balance/evidence.py)."""
    group = store.group("loss_balance")
    for beta, entry in sorted(group["runs"].items(), key=lambda item: float(item[0])):
        draws = prior_draws(group["latent_dim"], TINY_PRIOR_DRAWS if tiny else PRIOR_DRAWS)
        yield beta, f"β = {beta}: decodes of draws from N(0, I)", decode(store.load_model(entry["model"]), draws)


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
            "diffusion": diffusion_sets(store, tiny), "vqvae": vqvae_sets(store, tiny),
            "loss_balance": loss_balance_sets(store, tiny)}
