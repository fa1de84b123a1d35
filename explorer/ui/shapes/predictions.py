"""The Shapes page's prediction, measured from the shipped models and manifest once per server
(st.cache_resource: the same for every session, never mutated). Raises PretrainedFileError when a file it needs
is unusable."""

from __future__ import annotations

import streamlit as st

from explorer.core.prediction import Prediction
from explorer.topics.shapes.predictions import mig_prediction
from explorer.ui.shapes.loaders import shapes_runs
from explorer.ui.shared.prediction_card import MEASURING


@st.cache_resource(show_spinner=MEASURING)
def shapes_prediction() -> Prediction:
    return mig_prediction(shapes_runs())
