"""The Anomaly page's shared resources (st.cache_resource, read-only): each shipped model's errors and AUC."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.topics.anomaly.logic import roc
from explorer.ui.shared.resources import pretrained_store


def anomaly_test_errors() -> dict[str, np.ndarray]:
    """Each anomaly model's reconstruction error on every test image, and the test labels."""
    store = pretrained_store()
    return store.load_arrays(store.group("anomaly")["errors"])


@st.cache_resource(show_spinner=False)
def anomaly_aucs() -> dict[int, float]:
    """Each shipped anomaly model's ROC AUC on the test split, by the digit it never saw: the page compares
    all of them on every rerun."""
    arrays = anomaly_test_errors()
    return {int(digit): roc(arrays[name], arrays["labels"] == int(digit)).auc
            for digit, name in pretrained_store().group("anomaly")["models"].items()}
