"""Read-only resources shared by every session (st.cache_resource): never mutate them."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.checkpoints import PretrainedStore
from explorer.data import DigitData, load_bundled_mnist
from explorer.denoising import denoise_every_setting
from explorer.inference import embed, per_image_mse, reconstruct
from explorer.models.base import Autoencoder
from explorer.pca import PCABasis


@st.cache_resource(show_spinner=False)
def pretrained_store() -> PretrainedStore:
    return PretrainedStore()


@st.cache_resource(show_spinner="Loading a shipped model…")
def pretrained_model(name: str) -> Autoencoder:
    return pretrained_store().load_model(name)


@st.cache_resource(show_spinner=False)
def pca_basis() -> PCABasis:
    store = pretrained_store()
    arrays = store.load_arrays(store.manifest["groups"]["bottleneck"]["pca"]["file"])
    return PCABasis(arrays["mean"], arrays["components"], arrays["explained_variance"])


@st.cache_resource(show_spinner="Reading the bundled MNIST-5k digits…")
def bundled_data() -> DigitData:
    return load_bundled_mnist()


@st.cache_resource(show_spinner="Scoring every test image…")
def test_set_errors(model_name: str):
    """Per-image reconstruction MSE of a shipped model over the whole bundled test split."""
    images = bundled_data().test_images
    return per_image_mse(images, reconstruct(pretrained_model(model_name), images))


@st.cache_resource(show_spinner=False)
def anomaly_test_errors() -> dict[str, np.ndarray]:
    """Each anomaly model's reconstruction error on every test image, and the test labels."""
    store = pretrained_store()
    return store.load_arrays(store.group("anomaly")["errors"])


@st.cache_resource(show_spinner="Encoding every test image…")
def test_set_codes(model_name: str) -> np.ndarray:
    """A shipped model's codes of the whole bundled test split: where a student's digit is compared."""
    return embed(pretrained_model(model_name), bundled_data().test_images)


@st.cache_resource(show_spinner="Adding every kind and level of noise…")
def denoised_test_digits(plain_name: str, dae_name: str, indices: tuple[int, ...], levels: tuple[float, ...]):
    """The Denoising page's test digits under every noise setting, through both shipped models."""
    return denoise_every_setting(pretrained_model(plain_name), pretrained_model(dae_name),
                                 bundled_data().test_images[list(indices)], list(levels))
