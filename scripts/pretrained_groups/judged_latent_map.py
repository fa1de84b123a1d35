"""The digit judge's per-image verdicts that the Latent map page shows beside its pictures: every strip draw,
every cell of both exact maps' decoded grids, and straight walks between test digits, made again from the shipped
latent_map models and draws (no training). Too slow for a page (tens of thousands of decodes), so shipped."""

from __future__ import annotations

from dataclasses import asdict

import numpy as np

from explorer.checkpoints.store import PretrainedStore
from explorer.core.data import load_bundled_mnist
from explorer.core.projection import EXACT_METHODS, LatentMap
from explorer.models.digit_judge import REAL_ENOUGH, DigitJudge
from explorer.models.inference import decode
from explorer.topics.latent_map.likeness import most_different_walks, random_pairs
from explorer.topics.latent_map.logic import INTERPOLATION_STEPS, bundled_order, interpolation_codes
from explorer.topics.latent_map.measures import empty_cells, mixed_cells, unsure_shares
from explorer.topics.latent_map.sampling import STRIPS
from scripts.pretrained_groups.common import BuildContext
from scripts.pretrained_groups.latent_map_scores import OFFERED_PER_SIDE, TINY_WALK_PAIRS, WALK_PAIRS, WALK_SEED

BATCH = 1000  # codes decoded at a time, so that memory stays small


def realism_of_decodes(judge: DigitJudge, model, codes: np.ndarray) -> np.ndarray:
    return np.concatenate([judge.realism(decode(model, codes[i:i + BATCH])) for i in range(0, len(codes), BATCH)])


def exact_map(store: PretrainedStore, files: dict) -> LatentMap:
    method = next(method for method in files["maps"] if method in EXACT_METHODS)
    return LatentMap.from_arrays(method, store.load_arrays(files["maps"][method]))


def judged_walks(judge: DigitJudge, models: dict, codes: dict[str, np.ndarray], labels: np.ndarray,
                 test: np.ndarray, pairs: int) -> dict:
    """The walks latent_map_scores measures by confidence (the same pairs), judged step by step."""
    starts, ends = random_pairs(labels, test, pairs, WALK_SEED)
    realism = {}
    for kind, model in models.items():
        path = interpolation_codes(codes[kind][starts], codes[kind][ends], INTERPOLATION_STEPS)
        realism[kind] = realism_of_decodes(judge, model, path.reshape(-1, path.shape[-1])).reshape(len(starts), -1)
    summary = {kind: {"between_real": float((values[:, 1:-1] >= REAL_ENOUGH).mean()),
                      "ends_real": float((values[:, [0, -1]] >= REAL_ENOUGH).mean())}
               for kind, values in realism.items()}
    offered = most_different_walks(starts, ends, realism["ae"], realism["vae"], OFFERED_PER_SIDE, REAL_ENOUGH)
    return {"pairs": len(starts), "seed": WALK_SEED, **summary, "offered": [pair.to_json() for pair in offered]}


def judged_pair(ctx: BuildContext, store: PretrainedStore, judge: DigitJudge, k: str) -> dict:
    """One (AE, VAE) pair's per-image realism, written to one file; returns the manifest's summary of it."""
    group = store.group("latent_map")
    names = group["pairs"][k]
    models = {kind: store.load_model(name) for kind, name in names.items()}
    codes = {kind: store.load_arrays(group["files"][name]["codes"])["codes"] for kind, name in names.items()}
    draws = store.load_arrays(group["digit_likeness"][k]["file"])
    arrays = {f"realism_{strip.key}": realism_of_decodes(judge, models[strip.kind], draws[f"draws_{strip.source}"])
              for strip in STRIPS}
    data = load_bundled_mnist()  # the shipped codes cover every bundled image, even in the tiny build
    _, labels = bundled_order(data)
    planes = {}
    for kind, name in names.items():
        plane = exact_map(store, group["files"][name])
        grid = arrays[f"grid_{kind}"] = realism_of_decodes(judge, models[kind], plane.grid_codes)
        planes[kind] = asdict(unsure_shares(grid, empty_cells(plane), mixed_cells(plane, labels), REAL_ENOUGH))
    test = np.arange(len(data.train_images), len(labels))
    file = f"latent_map_realism_k{k}.npz"
    np.savez(ctx.path(file), **arrays)
    walks = judged_walks(judge, models, codes, labels, test, TINY_WALK_PAIRS if ctx.tiny else WALK_PAIRS)
    return {"file": ctx.relative(file), "planes": planes, "walks": walks}
