"""The Sparse codes page's shipped runs and what is measured from them once per server (st.cache_resource:
shared by every session, never mutated)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.checkpoints.store import PretrainedFileError
from explorer.topics.sparse_codes.logic import Measured, decoder_features, measure
from explorer.topics.sparse_codes.shipped import ShippedRun, shipped_runs
from explorer.ui.errors import show_pretrained_error
from explorer.ui.loaders import bundled_data, pretrained_model, pretrained_store


def sparse_runs() -> list[ShippedRun]:
    """Raises MissingGroupError when the manifest has no sparse group."""
    return shipped_runs(pretrained_store())


def usable_runs() -> tuple[list[ShippedRun], list[Measured]]:
    """The runs whose files can be used, with their measurements; each run that cannot is named on the page and
    left out, so the others still work. Raises PretrainedFileError when the group itself cannot be read."""
    usable, measurements = [], []
    for run in sparse_runs():
        try:
            measurements.append(measured(run.name))
        except PretrainedFileError as error:
            show_pretrained_error(error)
            continue
        usable.append(run)
    return usable, measurements


@st.cache_resource(show_spinner="Measuring the shipped sparse codes on every test digit…")
def measured(name: str) -> Measured:
    return measure(pretrained_model(name), bundled_data().test_images)


@st.cache_resource(show_spinner=False)
def features(name: str) -> np.ndarray:
    return decoder_features(pretrained_model(name))
