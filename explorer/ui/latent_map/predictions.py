"""The Latent map page's prediction, measured from the shipped models and manifest once per server
(st.cache_resource: the same for every session, never mutated). Raises PretrainedFileError when a file it needs
is unusable."""

from __future__ import annotations

import streamlit as st

from explorer.checkpoints.store import MANIFEST_NAME, PretrainedFileError
from explorer.core.prediction import Prediction
from explorer.models.digit_judge import JUDGE_GROUP, JudgeScores, judged
from explorer.topics.latent_map.predictions import random_codes_prediction
from explorer.ui.shared.prediction_card import MEASURING
from explorer.ui.shared.resources import pretrained_store


@st.cache_resource(show_spinner=MEASURING)
def latent_map_prediction() -> Prediction:
    store = pretrained_store()
    judge = store.group(JUDGE_GROUP)
    pages = {key.removeprefix("latent_map_k"): scores for key, scores in judge["pages"].items()
             if key.startswith("latent_map_k")}
    if not pages:
        raise PretrainedFileError(store.root / MANIFEST_NAME, "the digit_judge group holds no Latent map scores",
                                  rebuild="python scripts/train_pretrained.py --only digit_judge")
    code_size = max(pages, key=int)  # the page opens on its larger code
    return random_codes_prediction(judged(pages[code_size]), JudgeScores.from_json(judge["ladder"]["real"]),
                                   int(code_size))
