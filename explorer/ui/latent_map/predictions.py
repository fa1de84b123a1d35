"""The Latent map page's prediction, measured from the shipped models and manifest once per server
(st.cache_resource: the same for every session, never mutated). Raises PretrainedFileError when a file it needs
is unusable."""

from __future__ import annotations

import streamlit as st

from explorer.checkpoints.store import MANIFEST_NAME, PretrainedFileError
from explorer.core.prediction import Prediction
from explorer.topics.latent_map.predictions import random_codes_prediction
from explorer.ui.shared.prediction_card import MEASURING
from explorer.ui.shared.resources import pretrained_store


@st.cache_resource(show_spinner=MEASURING)
def latent_map_prediction() -> Prediction:
    store = pretrained_store()
    likeness = store.group("latent_map").get("digit_likeness")
    if likeness is None:
        raise PretrainedFileError(store.root / MANIFEST_NAME, "the latent_map group holds no digit-likeness scores "
                                  "(a build older than the page)",
                                  rebuild="python scripts/train_pretrained.py --only latent_map")
    code_size = max((size for size in likeness if size.isdigit()), key=int)  # the page opens on its larger code
    return random_codes_prediction(likeness[code_size], int(code_size))
