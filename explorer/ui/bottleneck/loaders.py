"""The Bottleneck page's shared resources (st.cache_resource, read-only): PCA's basis and the test split
measured through each shipped autoencoder."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.core.pca import PCABasis
from explorer.models.inference import embed, per_image_mse, reconstruct
from explorer.topics.bottleneck.logic import default_k, error_curve
from explorer.ui.shared.resources import bundled_data, pretrained_model, pretrained_store


@st.cache_resource(show_spinner=False)
def pca_basis() -> PCABasis:
    store = pretrained_store()
    arrays = store.load_arrays(store.group("bottleneck")["pca"]["file"])
    return PCABasis(arrays["mean"], arrays["components"], arrays["explained_variance"])


@st.cache_resource(show_spinner="Scoring every test image…")
def errors_on_test_split(model_name: str) -> np.ndarray:
    """Per-image reconstruction MSE of a shipped model over the whole bundled test split."""
    images = bundled_data().test_images
    return per_image_mse(images, reconstruct(pretrained_model(model_name), images))


@st.cache_resource(show_spinner="Encoding every test image…")
def codes_of_test_split(model_name: str) -> np.ndarray:
    """A shipped model's codes of the whole bundled test split: where a student's digit is compared."""
    return embed(pretrained_model(model_name), bundled_data().test_images)


def fill_shared_caches() -> None:
    """What a first visit of Bottleneck loads at its default k (the server's start-up work calls it:
    explorer/ui/server/warm_up.py)."""
    curve = error_curve(pretrained_store())
    pretrained_model(curve.models[curve.ks.index(default_k(curve))])
    pca_basis()
