"""The Anomaly page's prediction, measured from the shipped models and manifest once per server
(st.cache_resource: the same for every session, never mutated). Raises PretrainedFileError when a file it needs
is unusable."""

from __future__ import annotations

import streamlit as st

from explorer.core.prediction import Prediction
from explorer.topics.anomaly.predictions import hardest_prediction
from explorer.ui.anomaly.loaders import anomaly_aucs, anomaly_test_errors
from explorer.ui.shared.prediction_card import MEASURING
from explorer.ui.shared.resources import pretrained_store


@st.cache_resource(show_spinner=MEASURING)
def anomaly_prediction() -> Prediction:
    arrays, models = anomaly_test_errors(), pretrained_store().group("anomaly")["models"]
    return hardest_prediction(anomaly_aucs(), {int(digit): arrays[name] for digit, name in models.items()},
                              arrays["labels"])
