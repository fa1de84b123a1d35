"""The Bottleneck page's claims about the shipped autoencoders, checked against them: a rebuild that changes
the story fails here, so that someone rewrites app_pages/bottleneck.py to match."""

import numpy as np
import pytest
import torch

from explorer.checkpoints.store import PretrainedStore
from explorer.core.data import load_bundled_mnist
from explorer.models.digit_likeness import class_probabilities
from explorer.models.inference import reconstruct
from explorer.topics.bottleneck.logic import error_curve


@pytest.fixture(scope="module")
def store():
    return PretrainedStore()  # $EXPLORER_PRETRAINED_DIR when set: point it at an edited copy to see a claim fail


def test_the_autoencoder_beats_pca_at_every_k(store):
    """"The autoencoder's curve sits below PCA's at every k", and the look_for box: PCA's "error is higher than
    the autoencoder's" at every k."""
    curve = error_curve(store)
    assert all(ae < pca for ae, pca in zip(curve.ae_mse, curve.pca_mse, strict=True)), curve


@pytest.fixture(scope="module")
def read_right(store) -> dict:
    """Share of the test digits the shipped classifier reads as the digit that went in: the originals (None)
    and each k's reconstructions."""
    data = load_bundled_mnist()
    classifier = store.load_model(store.group("diffusion")["classifier"])

    def share(images: np.ndarray) -> float:
        read = class_probabilities(classifier, torch.from_numpy(images)).argmax(dim=1).numpy()
        return float((read == data.test_labels).mean())

    curve = error_curve(store)
    shares = {k: share(reconstruct(store.load_model(name), data.test_images))
              for k, name in zip(curve.ks, curve.models, strict=True)}
    return shares | {None: share(data.test_images)}


def test_what_is_lost_as_k_shrinks(read_right):
    """The three bullets, with the sizes split into thirds as the page splits them; the look_for box says the
    same of the tiny sizes: "some come back as a different digit"."""
    sizes = sorted(k for k in read_right if k is not None)
    shares = [read_right[k] for k in sizes]
    assert shares == sorted(shares)  # the smaller the code, the more digits come back as another
    tiny, middle, large = np.array_split(sizes, 3)
    assert all(read_right[k] >= read_right[None] - 0.02 for k in large)  # "nearly every stroke survives"
    assert all(0.8 <= read_right[k] < read_right[None] - 0.02 for k in middle)  # "most digits keep their identity"
    assert all(read_right[k] < 0.85 for k in tiny) and read_right[tiny[0]] < 0.6  # "many come back as another"
