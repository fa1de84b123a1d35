"""The Anomaly page's controls, in one row: the digit the model never saw, the threshold, which test images."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from explorer.core.data import PIXELS
from explorer.topics.anomaly.logic import DEFAULT_FALSE_ALARMS, default_threshold
from explorer.ui.anomaly import keys
from explorer.ui.shared.view_link import ViewLink, ViewParam

INSPECT = {
    "ranked": "The most anomalous, ranked",
    "anomalies": "Random unseen digits",
    "normal": "Random normal digits",
}


@dataclass(frozen=True)
class AnomalyChoice:
    """What the controls chose, and the chosen model's errors on the test split."""
    held_out: int  # the digit the model never saw
    model_name: str
    scores: np.ndarray  # its reconstruction error on every test image
    is_anomaly: np.ndarray  # which test images show the held-out digit
    threshold: float
    mode: str  # a key of INSPECT


def anomaly_controls(view: ViewLink, models: dict[str, str], arrays: dict[str, np.ndarray]) -> AnomalyChoice:
    """`models`: the shipped model of each held-out digit; `arrays`: every model's errors and the test labels."""
    held_out_options = sorted(int(digit) for digit in models)
    view.restore(ViewParam("digit", keys.DIGIT, int, options=held_out_options),
                 ViewParam("images", keys.INSPECT, options=list(INSPECT)))
    controls = st.columns([1.1, 2.6, 1.5])
    held_out = view.control(controls[0].selectbox, "The digit it never saw", held_out_options, key=keys.DIGIT,
                            help="Each choice is a different shipped autoencoder, trained on the other nine digits.")
    model_name = models[str(held_out)]
    scores = arrays[model_name]
    is_anomaly = arrays["labels"] == held_out
    top = float(np.quantile(scores, 0.995))
    view.restore(ViewParam("threshold", keys.threshold_key(held_out), float, low=0.0, high=round(top, 4)))
    threshold = view.control(
        controls[1].slider,
        "Flag an image when its reconstruction error is at least", min_value=0.0, max_value=round(top, 4),
        value=round(min(default_threshold(scores, is_anomaly), top), 4), step=round(top / 200, 5), format="%.4f",
        key=keys.threshold_key(held_out),
        help=f"An image's reconstruction error is the mean, over its {PIXELS} pixels, of the squared difference "
             "between the image and its reconstruction (pixels run from 0 to 1). The threshold starts where "
             f"{DEFAULT_FALSE_ALARMS:.0%} of the normal digits are flagged.",
    )
    mode = view.control(controls[2].selectbox, "Which test images", list(INSPECT), format_func=INSPECT.get,
                        key=keys.INSPECT)
    return AnomalyChoice(held_out, model_name, scores, is_anomaly, threshold, mode)
