"""Read-only resources that several pages share, loaded once per server (st.cache_resource): never mutate them.
A resource of one page lives in that page's package (explorer/ui/<page>/loaders.py)."""

from __future__ import annotations

import numpy as np
import streamlit as st
from torch import nn

from explorer.checkpoints.store import PretrainedFileError, PretrainedStore
from explorer.core.data import DigitData, load_bundled_mnist
from explorer.core.schedulers import static_pixels
from explorer.models.digit_judge import DigitJudge, reference_split
from explorer.models.digit_likeness import DigitLikeness, reads_right, score_images
from explorer.models.inference import reconstruct
from explorer.training.live import DeferredWarmUp, warm_up_training

STATIC_SCORED = 256  # pictures of pure static shown to the classifier
LATENT_MAP_GROUP = "latent_map"  # the shipped codes that the Latent map and Inside the VAE pages both show


@st.cache_resource(show_spinner=False)
def pretrained_store() -> PretrainedStore:
    return PretrainedStore()


@st.cache_resource(show_spinner="Loading a shipped model…")
def pretrained_model(name: str) -> nn.Module:  # an Autoencoder, or a U-Net, classifier or token prior
    return pretrained_store().load_model(name)


def digit_classifier() -> nn.Module:
    """The shipped digit classifier (built with the diffusion group): the judge of how digit-like images are."""
    return pretrained_model(pretrained_store().group("diffusion")["classifier"])


@st.cache_resource(show_spinner="Placing the real digits for the digit judge…")
def digit_judge() -> DigitJudge:
    """The judge of whether images are digits: the classifier's features against half the held-out digits."""
    return DigitJudge(digit_classifier(), reference_split(bundled_data().test_images)[0])


@st.cache_resource(show_spinner="Reading the bundled MNIST-5k digits…")
def bundled_data() -> DigitData:
    return load_bundled_mnist()


def reconstructions_read_right(model_name: str) -> np.ndarray:
    """Per test digit: does the digit classifier read the model's reconstruction right?"""
    data = bundled_data()
    return reads_right(digit_classifier(), reconstruct(pretrained_model(model_name), data.test_images),
                       data.test_labels)


@st.cache_resource(show_spinner=False)
def classifier_on_static() -> DigitLikeness:
    """The digit classifier's verdict on pure static: how generous a judge it is."""
    return score_images(digit_classifier(), static_pixels(STATIC_SCORED))


@st.cache_resource(show_spinner="Reading the shipped latent codes…")
def shipped_latent_codes(name: str) -> tuple[np.ndarray, np.ndarray]:
    """A Latent map model's shipped codes of every bundled image (train split, then test) and its random draws.
    Raises PretrainedFileError when the file is unusable."""
    store = pretrained_store()
    file = store.group(LATENT_MAP_GROUP)["files"][name]["codes"]
    arrays = store.load_arrays(file)
    missing = [key for key in ("codes", "random_codes") if key not in arrays]
    if missing:
        raise PretrainedFileError(store.root / file, f"the file lacks the arrays {missing}")
    return arrays["codes"], arrays["random_codes"]


def shipped_vae_name(code_size: int) -> str:
    """The Latent map's shipped conv VAE with a code of this size (raises PretrainedFileError when the manifest
    lacks it); Inside the VAE shows the k = 2 one."""
    return pretrained_store().group(LATENT_MAP_GROUP)["pairs"][str(code_size)]["vae"]


# Seconds between a page's first open and the training warm-up: after that open has been drawn.
WARM_UP_AFTER_S = 8.0


@st.cache_resource(show_spinner=False)
def live_training_warm_up() -> DeferredWarmUp:
    """Once per server, in the background, soon after the first open of a page that trains: one-off torch set-up
    that the first run would pay."""
    return DeferredWarmUp(warm_up_training, WARM_UP_AFTER_S)
