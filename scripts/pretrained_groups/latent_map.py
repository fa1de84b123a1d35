"""The Latent map page's files: a conv AE and a conv VAE at k = 16 and at k = 2, each with the codes
of all bundled images, fixed N(0, I) draws, and its 2-D maps with the decoded grid's codes under them."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from explorer.core.data import load_bundled_mnist
from explorer.core.projection import build_map, draw_random_codes
from explorer.models import ConvAE, ConvAEConfig, ConvVAE, ConvVAEConfig
from explorer.models.inference import embed
from explorer.topics.latent_map.logic import bundled_order
from explorer.training.fit import TrainConfig
from scripts.pretrained_groups.common import BuildContext, log

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


def build_files(ctx: BuildContext, name: str, model, k: int) -> dict:
    """Codes, draws and maps of one trained model; returns their file names for the manifest.
    The codes cover every bundled image, even in the tiny build, so the page's indices always match."""
    images, _ = bundled_order(load_bundled_mnist())
    codes = embed(model.cpu().eval(), images)
    random_codes = draw_random_codes(TINY_RANDOM_DRAWS if ctx.tiny else RANDOM_DRAWS, k, RANDOM_SEED)
    np.savez(ctx.path(f"{name}_codes.npz"), codes=codes, random_codes=random_codes)
    files = {"codes": ctx.relative(f"{name}_codes.npz"), "maps": {}}
    for method in methods_for(k, ctx.tiny):
        latent_map = build_map(method, codes, random_codes, seed=MAP_SEED)
        np.savez(ctx.path(f"{name}_{method}.npz"), **latent_map.to_arrays())
        files["maps"][method] = ctx.relative(f"{name}_{method}.npz")
        log.info("%s: %s map built", name, method)
    return files


def build(ctx: BuildContext) -> dict:
    models, pairs, files = {}, {}, {}
    for k in KS:
        pairs[str(k)] = {}
        for kind, make in FAMILIES.items():
            name = model_name(kind, k)
            models[name] = ctx.train(name, lambda make=make, k=k: make(k), TRAIN if k > 2 else NARROW_TRAIN)
            # ctx.train saved the weights; the codes come from the saved weights, reloaded as the page will
            model = load_saved(ctx, name, models[name])
            files[name] = build_files(ctx, name, model, k)
            pairs[str(k)][kind] = name
    info = {
        "pairs": pairs,
        "files": files,
        "images": "every bundled image: the train split, then the test split",
        "random_draws": {"count": TINY_RANDOM_DRAWS if ctx.tiny else RANDOM_DRAWS, "seed": RANDOM_SEED},
        "map_seed": MAP_SEED,
    }
    return {"models": models, "info": info}


def load_saved(ctx: BuildContext, name: str, record: dict):
    from safetensors.torch import load_file

    from explorer.models import build_model

    model = build_model(record["family"], record["config"])
    model.load_state_dict(load_file(str(ctx.path(f"{name}.safetensors"))))
    return model.eval()
