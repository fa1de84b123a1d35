"""What the VQ-VAE page shows of its shipped models that needs no student's input, measured when the app is built
(the vqvae_measures group) and read by the page: on a server's first open, measuring took over half a second
(the decodes against every training digit) and encoding the test split another sixth. The page's own functions
measure it, at build time and again in the tests, which compare."""

from __future__ import annotations

from dataclasses import asdict

import numpy as np

from explorer.checkpoints.store import PretrainedStore
from explorer.core.data import DigitData
from explorer.topics.vqvae.bits import GROUP
from explorer.topics.vqvae.logic import Tokens, encode
from explorer.topics.vqvae.prior import Closeness, closeness

MEASURES_GROUP = "vqvae_measures"
CLOSENESS_KEY = "closeness"
TOKENS_KEY = "test_tokens"  # the manifest entry naming the arrays file
TOKENS_FILE = "test_tokens.npz"


def measure_closeness(store: PretrainedStore, data: DigitData) -> Closeness:
    """closeness() of the shipped VQ-VAE and prior at the page's batch and seed."""
    group = store.group(GROUP)
    return closeness(store.load_model(group["model"]), store.load_model(group["prior"]["model"]), data.train_images,
                     data.test_images)


def measure_test_tokens(store: PretrainedStore, data: DigitData) -> Tokens:
    """The shipped VQ-VAE's tokens of the whole test split, with each cell's distance to its entry."""
    encoding = encode(store.load_model(store.group(GROUP)["model"]), data.test_images)
    return Tokens(encoding.tokens, encoding.gaps)


def closeness_to_json(close: Closeness) -> dict:
    return asdict(close)


def tokens_to_arrays(found: Tokens) -> dict[str, np.ndarray]:
    """As the arrays file keeps them: the tokens in a byte each (K = 64), the distances as computed (float32)."""
    return {"tokens": found.tokens.astype(np.uint8), "gaps": found.gaps}


def shipped_closeness(store: PretrainedStore) -> Closeness:
    """The closeness measured when the app was built; PretrainedFileError naming the rebuild when it lacks it."""
    return Closeness(**store.measured(MEASURES_GROUP, CLOSENESS_KEY))


def shipped_test_tokens(store: PretrainedStore) -> Tokens:
    """The test split's tokens measured when the app was built; PretrainedFileError naming the rebuild when the
    build lacks them or their file is damaged."""
    arrays = store.load_arrays(store.measured(MEASURES_GROUP, TOKENS_KEY))
    return Tokens(arrays["tokens"], arrays["gaps"])
