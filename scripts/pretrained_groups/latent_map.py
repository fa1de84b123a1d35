"""The Latent map page's files: a conv AE and a conv VAE at k = 16 and at k = 2, each with the codes
of all bundled images, fixed N(0, I) draws, and its 2-D maps with the decoded grid's codes under them;
per pair, how digit-like the shipped classifier finds their decodes (latent_map_scores)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from explorer.core.data import load_bundled_mnist
from explorer.core.projection import LatentMap, build_map, draw_random_codes
from explorer.models import ConvAE, ConvAEConfig, ConvVAE, ConvVAEConfig
from explorer.models.inference import embed
from explorer.topics.latent_map.likeness import UNSURE, probabilities
from explorer.topics.latent_map.logic import bundled_order
from explorer.training.fit import TrainConfig
from scripts.pretrained_groups.common import BuildContext, log
from scripts.pretrained_groups.latent_map_scores import digit_judge, measure_pair, score

KS = (16, 2)
# The Bottleneck AEs' settings and layers, so the two pages' k = 16 autoencoders are alike.
TRAIN = TrainConfig(epochs=40, batch_size=64, lr=2e-3, seed=0, max_shift=2)
CHANNELS = (32, 64)  # the same for the AE and the VAE: the pair differs only in the bottleneck
NARROW_TRAIN = replace(TRAIN, max_shift=0)  # as on the Bottleneck page: k = 2 cannot spare code for position
FAMILIES = {
    "ae": lambda k: ConvAE(ConvAEConfig(latent_dim=k, channels=CHANNELS)),
    "vae": lambda k: ConvVAE(ConvVAEConfig(latent_dim=k, channels=CHANNELS)),
}
RANDOM_DRAWS = 400
RANDOM_SEED = 1234  # the shipped draws; the page's "fresh draws" button uses other seeds
MAP_SEED = 0  # UMAP's and t-SNE's random_state
TINY_RANDOM_DRAWS = 40


def methods_for(k: int, tiny: bool) -> tuple[str, ...]:
    """k = 2 is its own map; k = 16 gets the three projections (PCA only in the tiny test build,
    because UMAP's numba compile alone takes close to a minute)."""
    if k == 2:
        return ("latent",)
    return ("pca",) if tiny else ("pca", "umap", "tsne")


def model_name(kind: str, k: int) -> str:
    return f"map_{kind}_k{k}"


def build_files(ctx: BuildContext, name: str, model, k: int) -> tuple[dict, np.ndarray, LatentMap]:
    """Codes, draws and maps of one trained model; returns their file names for the manifest, the codes,
    and the exact map (PCA, or the latent plane at k = 2) whose grid the classifier scores.
    The codes cover every bundled image, even in the tiny build, so the page's indices always match."""
    images, _ = bundled_order(load_bundled_mnist())
    codes = embed(model.cpu().eval(), images)
    random_codes = draw_random_codes(TINY_RANDOM_DRAWS if ctx.tiny else RANDOM_DRAWS, k, RANDOM_SEED)
    np.savez(ctx.path(f"{name}_codes.npz"), codes=codes, random_codes=random_codes)
    files = {"codes": ctx.relative(f"{name}_codes.npz"), "maps": {}}
    maps = {}
    for method in methods_for(k, ctx.tiny):
        maps[method] = build_map(method, codes, random_codes, seed=MAP_SEED)
        np.savez(ctx.path(f"{name}_{method}.npz"), **maps[method].to_arrays())
        files["maps"][method] = ctx.relative(f"{name}_{method}.npz")
        log.info("%s: %s map built", name, method)
    return files, codes, next(latent_map for latent_map in maps.values() if latent_map.exact)


def build(ctx: BuildContext) -> dict:
    models, pairs, files, likeness = {}, {}, {}, {}
    judge_name, judge = digit_judge(ctx)
    data = load_bundled_mnist()
    _, labels = bundled_order(data)
    test = np.arange(len(data.train_images), len(labels))  # the bundled order puts the test split last
    for k in KS:
        pairs[str(k)], trained, codes, planes = {}, {}, {}, {}
        for kind, make in FAMILIES.items():
            name = model_name(kind, k)
            models[name] = ctx.train(name, lambda make=make, k=k: make(k), TRAIN if k > 2 else NARROW_TRAIN)
            # ctx.train saved the weights; the codes come from the saved weights, reloaded as the page will
            trained[kind] = load_saved(ctx, name, models[name])
            files[name], codes[kind], planes[kind] = build_files(ctx, name, trained[kind], k)
            pairs[str(k)][kind] = name
        # The strips' N(0, I) draws start with the map's crosses: the same seed.
        likeness[str(k)] = measure_pair(ctx, judge, k, trained, codes, planes, labels, test, RANDOM_SEED)
    info = {
        "pairs": pairs,
        "files": files,
        "images": "every bundled image: the train split, then the test split",
        "random_draws": {"count": TINY_RANDOM_DRAWS if ctx.tiny else RANDOM_DRAWS, "seed": RANDOM_SEED},
        "map_seed": MAP_SEED,
        "digit_likeness": {
            "classifier": judge_name,
            "unsure_below": UNSURE,
            "real_test": score("real test digits", probabilities(judge, ctx.data.test_images)),
            **likeness,  # by k
        },
    }
    return {"models": models, "info": info}


def load_saved(ctx: BuildContext, name: str, record: dict):
    from safetensors.torch import load_file

    from explorer.models import build_model

    model = build_model(record["family"], record["config"])
    model.load_state_dict(load_file(str(ctx.path(f"{name}.safetensors"))))
    return model.eval()
