"""Read-only resources shared by every session (st.cache_resource): never mutate them."""

from __future__ import annotations

import streamlit as st

from explorer.checkpoints import PretrainedStore
from explorer.data import DigitData, load_bundled_mnist
from explorer.inference import per_image_mse, reconstruct
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
