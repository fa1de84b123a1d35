"""The Denoising page's shared resources (st.cache_resource, read-only)."""

from __future__ import annotations

import streamlit as st

from explorer.topics.denoising.logic import denoise_every_setting
from explorer.ui.shared.resources import bundled_data, pretrained_model


@st.cache_resource(show_spinner="Adding every kind and level of noise…")
def denoised_test_digits(plain_name: str, dae_name: str, indices: tuple[int, ...], levels: tuple[float, ...]):
    """The Denoising page's test digits under every noise setting, through both shipped models."""
    return denoise_every_setting(pretrained_model(plain_name), pretrained_model(dae_name),
                                 bundled_data().test_images[list(indices)], list(levels))
