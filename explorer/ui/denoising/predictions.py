"""The Denoising page's prediction, measured from the shipped models and manifest once per server
(st.cache_resource: the same for every session, never mutated). Raises PretrainedFileError when a file it needs
is unusable."""

from __future__ import annotations

import streamlit as st

from explorer.core.prediction import Prediction
from explorer.topics.denoising.logic import PsnrCurves
from explorer.topics.denoising.predictions import plain_cleans_prediction
from explorer.ui.shared.prediction_card import MEASURING
from explorer.ui.shared.resources import pretrained_store


@st.cache_resource(show_spinner=MEASURING)
def denoising_prediction() -> Prediction:
    return plain_cleans_prediction(PsnrCurves.from_json(pretrained_store().group("denoising")["psnr_curves"]))
