"""The Bottleneck page's prediction, measured from the shipped models and manifest once per server
(st.cache_resource: the same for every session, never mutated). Raises PretrainedFileError when a file it needs
is unusable."""

from __future__ import annotations

import streamlit as st

from explorer.core.prediction import Prediction
from explorer.topics.bottleneck.predictions import LARGE_K, SMALL_K, read_right_by_digit, survival_prediction
from explorer.ui.shared.prediction_card import MEASURING
from explorer.ui.shared.resources import bundled_data, pretrained_store, reconstructions_read_right


@st.cache_resource(show_spinner=MEASURING)
def bottleneck_prediction() -> Prediction:
    models = pretrained_store().group("bottleneck")["ae_models"]
    small, large = (read_right_by_digit(reconstructions_read_right(models[str(k)]), bundled_data().test_labels)
                    for k in (SMALL_K, LARGE_K))
    return survival_prediction(small, large)
