"""The Home page's prediction, measured from the shipped models and manifest once per server
(st.cache_resource: the same for every session, never mutated). Raises PretrainedFileError when a file it needs
is unusable."""

from __future__ import annotations

import streamlit as st

from explorer.core.prediction import Prediction
from explorer.models.digit_likeness import reads_right
from explorer.topics.home.predictions import readable_prediction
from explorer.ui.shared.prediction_card import MEASURING
from explorer.ui.shared.resources import bundled_data, digit_classifier, pretrained_model, reconstructions_read_right


@st.cache_resource(show_spinner=MEASURING)
def home_prediction(model_name: str) -> Prediction:
    data = bundled_data()
    originals = reads_right(digit_classifier(), data.test_images, data.test_labels)
    return readable_prediction(pretrained_model(model_name).latent_dim,
                               float(reconstructions_read_right(model_name).mean()), float(originals.mean()))
