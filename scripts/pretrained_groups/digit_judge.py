"""The digit judge's reference ladder (explorer/models/digit_judge.py): sets of images whose answer is known, from
real held-out digits down to a blank square, judged once at build time so that every page where the judge
speaks can show how it scores them. Seconds to build from the diffusion group's classifier and the bottleneck
group's autoencoder, so `--only digit_judge` needs no training. Beside the ladder, the judge's verdict on each
page's shipped sample sets (scripts/pretrained_groups/judged_samples.py), made again from the shipped models, and
what the Loss balance page shows of its shipped β runs (explorer/topics/loss_balance/evidence.py)."""

from __future__ import annotations

import numpy as np

from explorer.checkpoints.store import PretrainedStore
from explorer.core.images import to_uint8
from explorer.core.schedulers import static_pixels
from explorer.models.digit_judge import NEIGHBOURS, REAL_ENOUGH, DigitJudge, reference_split
from explorer.models.inference import reconstruct
from explorer.topics.loss_balance.evidence import SHIPPED_KEY, gallery_to_json, measure_shipped
from scripts.pretrained_groups.common import BuildContext, log
from scripts.pretrained_groups.judged_latent_map import judged_pair
from scripts.pretrained_groups.judged_samples import page_sets

AUTOENCODER_K = "16"  # the Bottleneck page's k = 16 autoencoder redraws the real digits
SEED = 0
EXAMPLES = 8  # of each rung, shipped for the page to show
EXAMPLES_FILE = "ladder_examples.npz"
LADDER = {  # in the order the ladder shows them, with what each set is, in words
    "real": "real held-out test digits",
    "reconstructions": "the same digits reconstructed by an autoencoder (k = 16)",
    "blobs": "random blobs of ink",
    "scrambled": "real digits with their pixels shuffled",
    "static": "pure static",
    "blank": "a blank image",
}


def scrambled(images: np.ndarray, seed: int) -> np.ndarray:
    """Each image's own pixels in a random order: the same ink, no strokes."""
    rng = np.random.default_rng(seed)
    flat = images.reshape(len(images), -1)
    return np.stack([row[rng.permutation(row.size)] for row in flat]).reshape(len(images), 28, 28)


def blobs(count: int, seed: int) -> np.ndarray:
    """count x 28 x 28: one to four soft round blobs of ink each, at random places and sizes."""
    rng = np.random.default_rng(seed)
    rows, cols = np.mgrid[0:28, 0:28]
    images = np.zeros((count, 28, 28))
    for image in images:
        for _ in range(rng.integers(1, 5)):
            (y, x), size = rng.uniform(6, 22, 2), rng.uniform(1.5, 4.0)
            image += np.exp(-((rows - y) ** 2 + (cols - x) ** 2) / (2 * size ** 2))
    return np.clip(images, 0, 1).astype(np.float32)


def ladder_images(ctx: BuildContext, store: PretrainedStore, real: np.ndarray) -> dict[str, np.ndarray]:
    autoencoder = store.load_model(store.group("bottleneck")["ae_models"][AUTOENCODER_K])
    count = len(real)
    return {
        "real": real.reshape(count, 28, 28),
        "reconstructions": reconstruct(autoencoder, real.reshape(count, 1, 28, 28)).reshape(count, 28, 28),
        "blobs": blobs(count, SEED),
        "scrambled": scrambled(real, SEED),
        "static": static_pixels(count, SEED),
        "blank": np.zeros((count, 28, 28), np.float32),
    }


def build(ctx: BuildContext) -> dict:
    store = PretrainedStore(ctx.out)
    classifier_name = store.group("diffusion")["classifier"]
    reference, real = reference_split(ctx.data.test_images)
    judge = DigitJudge(store.load_model(classifier_name), reference)
    images = ladder_images(ctx, store, real)
    ladder = {}
    for key, words in LADDER.items():
        ladder[key] = judge.judge(images[key], words).to_json()
        log.info("digit judge, %s: %s", key, {name: value for name, value in ladder[key].items() if name != "method"})
    pages = {page: {key: judge.judge(images, method).to_json() for key, method, images in sets}
             for page, sets in page_sets(store, ctx.tiny).items()}
    for page, scores in pages.items():
        log.info("digit judge, %s: %s", page, {key: round(s["share_real"], 3) for key, s in scores.items()})
    latent_map = {k: judged_pair(ctx, store, judge, k) for k in store.group("latent_map")["pairs"]}
    np.savez(ctx.path(EXAMPLES_FILE), **{key: to_uint8(images[key][:EXAMPLES]) for key in LADDER})
    info = {
        "classifier": classifier_name,
        "features": "the classifier's last hidden layer (128 numbers per image)",
        "reference": f"every other test digit ({len(reference)}); the real rung is the other half",
        "neighbours": NEIGHBOURS,
        "real_enough": REAL_ENOUGH,
        "autoencoder": store.group("bottleneck")["ae_models"][AUTOENCODER_K],
        "ladder": ladder,
        "pages": pages,
        "latent_map": latent_map,  # by code size: per-image realism of the strips, the decoded planes and the walks
        "examples": ctx.relative(EXAMPLES_FILE),
    }
    gallery = measure_shipped(store, judge.classifier, ctx.data.test_images, ctx.data.test_labels, info)
    info[SHIPPED_KEY] = gallery_to_json(gallery)
    log.info("loss_balance: reconstructions read right %s", {f"{run.beta:g}": round(run.read_right, 3)
                                                              for run in gallery.runs})
    return {"models": {}, "info": info}
