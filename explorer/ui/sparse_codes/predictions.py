"""The Sparse codes page's prediction, measured from the shipped models and manifest once per server
(st.cache_resource: the same for every session, never mutated). Raises PretrainedFileError when a file it needs
is unusable."""

from __future__ import annotations

import streamlit as st

from explorer.core.prediction import Prediction
from explorer.topics.sparse_codes.predictions import units_on_prediction
from explorer.ui.shared.prediction_card import MEASURING
from explorer.ui.sparse_codes.loaders import measured, sparse_runs


@st.cache_resource(show_spinner=MEASURING)
def sparse_codes_prediction() -> Prediction:
    runs = sparse_runs()
    return units_on_prediction([run.strength for run in runs], [measured(run.name) for run in runs])
