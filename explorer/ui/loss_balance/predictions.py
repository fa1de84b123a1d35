"""The Loss balance page's prediction, measured from the shipped models and manifest once per server
(st.cache_resource: the same for every session, never mutated). Raises PretrainedFileError when a file it needs
is unusable."""

from __future__ import annotations

import streamlit as st

from explorer.core.prediction import Prediction
from explorer.topics.loss_balance.predictions import active_prediction
from explorer.ui.loss_balance.loaders import reference_runs
from explorer.ui.shared.prediction_card import MEASURING


@st.cache_resource(show_spinner=MEASURING)
def loss_balance_prediction() -> Prediction:
    return active_prediction(reference_runs())
