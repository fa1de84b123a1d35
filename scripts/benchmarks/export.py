"""The pages' downloads: time to build each GIF and PNG with Pillow from what the page already has on
screen (the models loaded, the samples made), and its size in bytes; targets 2 s and 2 MB per GIF."""

from __future__ import annotations

import time

from scripts.benchmarks.stats import median

GIF_SECONDS, GIF_BYTES = 2.0, 2 * 1024 * 1024


def _measure(runs: int, make) -> dict:
    times, made = [], b""
    for _ in range(runs):
        started = time.perf_counter()
        made = make()
        times.append(time.perf_counter() - started)
    return {"median_s": round(median(times), 3), "bytes": len(made)}


def inputs():
    """What the pages hold when their download buttons are pressed, from the shipped files."""
    from explorer.checkpoints.store import PretrainedStore
    from explorer.core.data import load_bundled_mnist
    from explorer.core.runtime import set_app_threads
    from explorer.models.inference import decode, embed
    from explorer.topics.diffusion.logic import forward_frames, make_scheduler, sample_pixels
    from explorer.topics.latent_map.logic import GROUP, interpolation_codes
    from explorer.topics.loss_balance.epoch_view import make_probe
    from explorer.topics.loss_balance.references import load_reference_runs
    from explorer.topics.loss_balance.settings import REFERENCE_LATENT

    set_app_threads()
    store, data = PretrainedStore(), load_bundled_mnist()
    diffusion = store.group("diffusion")
    unet = store.load_model(diffusion["unet"])
    pixel = sample_pixels(unet, make_scheduler(diffusion["schedule"], "ddim", 50), count=16, seed=0)
    k, ends = "2", data.test_images[[0, 1]]
    walk = {kind: decode(model, interpolation_codes(*embed(model, ends)))
            for kind, model in ((kind, store.load_model(name))
                                for kind, name in store.group(GROUP)["pairs"][k].items())}
    references = load_reference_runs(store)
    shipped_digits = make_probe(data.test_images, data.test_labels, REFERENCE_LATENT).images
    model = store.load_model(references[len(references) // 2].name)
    code_means = embed(model, data.test_images[:500]).mean(axis=0)
    return {
        "forward": forward_frames(data.test_images[0], "linear"), "pixel": pixel, "walk": walk,
        "references": references, "shipped_digits": shipped_digits, "model": model, "code_means": code_means,
        "kl_per_dim": references[len(references) // 2].kl_per_dim,
    }


def run(runs: int) -> dict:
    from explorer.topics.diffusion.export import forward_gif, reverse_gif, samples_png
    from explorer.topics.latent_map.export import walk_gif
    from explorer.topics.loss_balance.export import beta_sweep_gif, code_walk_gif

    got = inputs()
    made = {
        "diffusion_forward_gif": lambda: forward_gif(got["forward"]),
        "diffusion_reverse_gif": lambda: reverse_gif(got["pixel"]),
        "diffusion_samples_png": lambda: samples_png(got["pixel"]),
        "latent_map_walk_gif": lambda: walk_gif(got["walk"], 0, 1),
        "loss_balance_beta_sweep_gif": lambda: beta_sweep_gif(got["references"], got["shipped_digits"]),
        "loss_balance_code_walk_gif": lambda: code_walk_gif(got["model"], got["code_means"], got["kl_per_dim"]),
    }
    results = {name: _measure(runs, make) for name, make in made.items()}
    for name, result in results.items():
        if name.endswith("_gif"):
            result["target_under"] = {"seconds": GIF_SECONDS, "bytes": GIF_BYTES}
    return results
