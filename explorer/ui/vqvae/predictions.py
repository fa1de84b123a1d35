"""The VQ-VAE page's prediction, measured from the shipped models and manifest once per server
(st.cache_resource: the same for every session, never mutated). Raises PretrainedFileError when a file it needs
is unusable."""

from __future__ import annotations

import streamlit as st

from explorer.core.prediction import Prediction
from explorer.models.vq_vae import GRID
from explorer.topics.vqvae.predictions import unused_prediction
from explorer.ui.shared.prediction_card import MEASURING
from explorer.ui.vqvae.loaders import codebook, vqvae_group


@st.cache_resource(show_spinner=MEASURING)
def vqvae_prediction() -> Prediction:
    return unused_prediction(codebook(vqvae_group()["model"]).usage, GRID * GRID)
