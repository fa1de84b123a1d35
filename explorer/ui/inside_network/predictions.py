"""The Inside the network page's prediction, measured from the shipped models and manifest once per server
(st.cache_resource: the same for every session, never mutated). Raises PretrainedFileError when a file it needs
is unusable."""

from __future__ import annotations

import streamlit as st

from explorer.core.prediction import Prediction
from explorer.topics.inside_network.predictions import shift_prediction
from explorer.ui.inside_network.layers import conv_following, inside_pair
from explorer.ui.shared.prediction_card import MEASURING


@st.cache_resource(show_spinner=MEASURING)
def inside_network_prediction() -> Prediction:
    return shift_prediction(inside_pair(), conv_following())
