"""The Diffusion page's prediction, measured from the shipped models and manifest once per server
(st.cache_resource: the same for every session, never mutated). Raises PretrainedFileError when a file it needs
is unusable."""

from __future__ import annotations

import streamlit as st

from explorer.core.prediction import Prediction
from explorer.topics.diffusion.predictions import step_cost_prediction
from explorer.ui.diffusion.loaders import denoiser_step_costs
from explorer.ui.shared.prediction_card import MEASURING


@st.cache_resource(show_spinner=MEASURING)
def diffusion_prediction() -> Prediction:
    return step_cost_prediction(*denoiser_step_costs())
