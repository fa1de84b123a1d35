"""The Latent map page's measurements, made once at build time by the shipped digit classifier (the
diffusion group's): the sampling strips, the confidence of every cell of the exact maps' grids, and
straight walks between test digits. Too slow for a page (several seconds on 2 cores), so shipped."""

from __future__ import annotations

from dataclasses import asdict, replace

import numpy as np
from torch import nn

from explorer.checkpoints.store import PretrainedStore
from explorer.core.images import to_uint8
from explorer.core.projection import LatentMap
from explorer.models.base import Autoencoder
from explorer.models.digit_likeness import digit_likeness
from explorer.models.inference import decode
from explorer.topics.latent_map.likeness import (
    UNSURE,
    decoded_probabilities,
    lowest_between,
    most_different_walks,
    random_pairs,
    walk_confidences,
)
from explorer.topics.latent_map.logic import manifold_cells
from explorer.topics.latent_map.measures import empty_cells, mixed_cells, unsure_shares
from explorer.topics.latent_map.sampling import STRIP_SHOWN, STRIPS, sampling_draws
from scripts.pretrained_groups.common import BuildContext, log

SAMPLE_DRAWS = 2000  # per strip: the mean confidence then moves by about 0.01 from one set of draws to another
TINY_SAMPLE_DRAWS = 40
WALK_PAIRS = 1000
TINY_WALK_PAIRS = 20
WALK_SEED = 0
OFFERED_PER_SIDE = 3  # walks offered where the AE dips below the VAE, and as many the other way


def digit_judge(ctx: BuildContext) -> tuple[str, nn.Module]:
    """The diffusion group's classifier (its name and the network), from the folder being built: GROUPS
    builds diffusion first."""
    store = PretrainedStore(ctx.out)
    name = store.group("diffusion")["classifier"]
    return name, store.load_model(name)


def share_unsure(confidences: np.ndarray) -> float:
    return float((confidences < UNSURE).mean())


def pixels(images: np.ndarray) -> np.ndarray:
    """N x 28 x 28 uint8: a quarter of the floats' size on disk."""
    return to_uint8(np.asarray(images).reshape(-1, 28, 28))


def score(name: str, probabilities: np.ndarray) -> dict:
    return replace(digit_likeness(probabilities), method=name).to_json()


def measure_pair(ctx: BuildContext, judge: nn.Module, k: int, models: dict[str, Autoencoder],
                 codes: dict[str, np.ndarray], planes: dict[str, LatentMap], labels: np.ndarray, test: np.ndarray,
                 seed: int) -> dict:
    """Everything the page says about one (AE, VAE) pair; writes the per-image numbers (and the decodes the
    page shows beside them) to one file and returns the manifest's summary of them. planes: each model's
    exact map (PCA or the latent plane)."""
    draws = sampling_draws(codes["ae"], TINY_SAMPLE_DRAWS if ctx.tiny else SAMPLE_DRAWS, seed)
    arrays = {f"draws_{source}": values for source, values in draws.items()}
    samples = {}
    for strip in STRIPS:
        probabilities = decoded_probabilities(models[strip.kind], judge, draws[strip.source])
        arrays[f"confidence_{strip.key}"] = probabilities.max(axis=1)
        samples[strip.key] = score(strip.title, probabilities)
        # The pictures too: a page that decoded them on opening would take twice as long to open.
        arrays[f"strip_{strip.key}"] = pixels(decode(models[strip.kind], draws[strip.source][:STRIP_SHOWN]))
    redrawn, grids = {}, {}
    for kind, model in models.items():
        redrawn[kind] = score(f"test digits redrawn by the {kind.upper()}",
                              decoded_probabilities(model, judge, codes[kind][test]))
        grid = arrays[f"grid_{kind}"] = decoded_probabilities(model, judge, planes[kind].grid_codes).max(axis=1)
        arrays[f"plane_{kind}"] = pixels(decode(model, planes[kind].grid_codes[manifold_cells(planes[kind])]))
        where = unsure_shares(grid, empty_cells(planes[kind]), mixed_cells(planes[kind], labels), UNSURE)
        grids[kind] = {"mean_confidence": float(grid.mean()), "share_unsure": share_unsure(grid), **asdict(where)}
    log.info("latent_map k=%d: strips %s", k, {key: round(s["mean_confidence"], 3) for key, s in samples.items()})
    file = f"digit_likeness_k{k}.npz"
    np.savez(ctx.path(file), **arrays)
    return {"file": ctx.relative(file), "samples": samples, "redrawn_test": redrawn, "planes": grids,
            "walks": measure_walks(ctx, models, codes, judge, labels, test)}


def measure_walks(ctx: BuildContext, models: dict[str, Autoencoder], codes: dict[str, np.ndarray], judge: nn.Module,
                  labels: np.ndarray, test: np.ndarray) -> dict:
    """Straight walks between random pairs of test digits of different classes, through both models."""
    starts, ends = random_pairs(labels, test, TINY_WALK_PAIRS if ctx.tiny else WALK_PAIRS, WALK_SEED)
    walks = {kind: walk_confidences(model, judge, codes[kind], starts, ends) for kind, model in models.items()}
    summary = {kind: {"mean_lowest": float(lowest_between(values).mean()),
                      "share_dipping": share_unsure(lowest_between(values))} for kind, values in walks.items()}
    offered = most_different_walks(starts, ends, walks["ae"], walks["vae"], OFFERED_PER_SIDE)
    return {"pairs": len(starts), "seed": WALK_SEED, **summary, "offered": [pair.to_json() for pair in offered]}
