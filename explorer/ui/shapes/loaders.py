"""The Shapes page's data set and shipped runs, made or read once per server (st.cache_resource: shared by every
session, never mutated)."""

from __future__ import annotations

import streamlit as st

from explorer.core.shapes import ShapesData, make_shapes
from explorer.topics.shapes.kept import FactorGuess, shipped_guesses
from explorer.topics.shapes.live import probe_indices
from explorer.topics.shapes.scores import split
from explorer.topics.shapes.shipped import ShippedRun, shipped_runs
from explorer.ui.shared.resources import pretrained_store


@st.cache_resource(show_spinner="Drawing the shapes…")
def shapes_data() -> ShapesData:
    return make_shapes()


@st.cache_resource(show_spinner=False)
def shapes_split():
    """(train, test, probe) indices of the shapes: the live runs' data and the shapes they show each epoch."""
    train, test = split(len(shapes_data()))
    return train, test, probe_indices(shapes_data(), test)


def shapes_runs() -> list[ShippedRun]:
    """Raises MissingGroupError when the build has no shapes group, PretrainedFileError when it is unusable."""
    return shipped_runs(pretrained_store())


@st.cache_resource(show_spinner=False)
def largest_beta_guesses() -> list[FactorGuess]:
    """How well the largest shipped β's whole code tells each factor of the held-out shapes (topics/shapes/kept.py):
    measured when the app was built (the shapes_kept group), read here in milliseconds. Raises PretrainedFileError,
    with the command that measures it, when the build lacks it."""
    return shipped_guesses(pretrained_store(), shapes_runs())
