"""The Sparse codes page's shipped runs and what is measured from them once per server (st.cache_resource:
shared by every session, never mutated)."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from explorer.checkpoints.store import PretrainedFileError
from explorer.core.animation import grid_png
from explorer.topics.sparse_codes.figures import activation_histogram_figure
from explorer.topics.sparse_codes.logic import NEAR_ZERO, Measured, decoder_features, feature_pictures, measure
from explorer.topics.sparse_codes.shipped import ShippedRun, shipped_runs
from explorer.ui.shared.errors import show_pretrained_error
from explorer.ui.shared.resources import bundled_data, pretrained_model, pretrained_store


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
def unit_pictures(name: str, shown: int, columns: int) -> bytes:
    """The pictures of a run's `shown` most used units, the most used first, as one PNG made once per server."""
    order = measured(name).use.by_use()[:shown]
    return grid_png(feature_pictures(decoder_features(pretrained_model(name)))[order], columns, factor=2,
                    optimize=False)


@st.cache_resource(show_spinner=False)
def activation_histogram(names: tuple[str, ...], labels: tuple[str, ...]) -> go.Figure:
    """Every value of every unit on the test digits, one line per run: the same for every setting of the page,
    so drawn once per server (building a Plotly figure takes tens of milliseconds)."""
    return activation_histogram_figure({label: measured(name).codes for name, label in zip(names, labels,
                                                                                           strict=True)}, NEAR_ZERO)
