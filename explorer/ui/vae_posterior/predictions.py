"""The Inside the VAE page's prediction, measured from the shipped models and manifest once per server
(st.cache_resource: the same for every session, never mutated). Raises PretrainedFileError when a file it needs
is unusable."""

from __future__ import annotations

import streamlit as st

from explorer.core.prediction import Prediction
from explorer.topics.vae_posterior.predictions import costliest_prediction
from explorer.ui.shared.prediction_card import MEASURING
from explorer.ui.vae_posterior.loaders import test_posteriors


@st.cache_resource(show_spinner=MEASURING)
def vae_posterior_prediction() -> Prediction:
    found = test_posteriors()
    return costliest_prediction(found.means, found.logvars, found.labels)
