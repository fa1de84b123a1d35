"""The Your-data-set page's state: the student's images and the run trained on them.

All of it lives in st.session_state, never in st.cache_resource or st.cache_data: those are shared by every
session of the server and outlive them, so one student's upload would reach another student's page and stay
in the server's memory after the tab is closed. Session state belongs to one browser tab and goes with it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from explorer.core.prediction import OpenQuestion, Prediction
from explorer.topics.own_dataset.example import EXAMPLE_NAME, example_zip
from explorer.topics.own_dataset.neighbours import codes_of
from explorer.topics.own_dataset.predictions import held_out_prediction, open_question
from explorer.topics.own_dataset.reading import DatasetInputError, OwnDataset, read_dataset
from explorer.topics.own_dataset.training import Split, split_indices
from explorer.training.live import LiveRun

DATA_KEY = "own_data"  # the LoadedData the page shows and trains on
SOURCE_KEY = "own_source"  # (upload's file id or EXAMPLE, placement) of what DATA_KEY was read from
UPLOAD_KEY = "own_upload_read"  # (file id, placement) of the upload last read, so that a rerun does not read it again
ERROR_KEY = "own_error"  # why the last upload could not be used, shown until another source is taken
RUN_KEY = "own_run"  # this session's current LiveRun
CODES_KEY = "own_codes"  # (the run, epochs seen, codes of every image): encoded once per finished model
EXAMPLE = "example"


@dataclass(frozen=True)
class LoadedData:
    dataset: OwnDataset
    split: Split
    name: str  # the file's name, or the example's

    @property
    def images(self) -> np.ndarray:
        return self.dataset.images

    def class_counts(self) -> list[tuple[str, int]]:
        """(class name, images) per class, in the reader's order; empty without labels."""
        if self.dataset.labels is None:
            return []
        counts = np.bincount(self.dataset.labels, minlength=len(self.dataset.class_names))
        return list(zip(self.dataset.class_names, counts.tolist(), strict=True))


def loaded() -> LoadedData | None:
    return st.session_state.get(DATA_KEY)


def current_run() -> LiveRun | None:
    return st.session_state.get(RUN_KEY)


def _take(name: str, data: bytes, placement: str, source: tuple[str, str]) -> str | None:
    """Read `data` into this session, dropping the previous data and its run; or keep them and return why not."""
    try:
        dataset = read_dataset(name, data, placement)
    except DatasetInputError as error:
        st.session_state[ERROR_KEY] = f"**{name}** cannot be used: {error}"
        return str(error)
    _drop(ERROR_KEY)
    st.session_state[SOURCE_KEY] = source
    st.session_state[DATA_KEY] = LoadedData(dataset, split_indices(len(dataset.images)), name)
    forget_run()
    return None


def take_upload(file_id: str, name: str, data: bytes, placement: str) -> str | None:
    """An upload, read once per file and placement (a rerun with the same file does nothing, also after the
    example replaced it): the error's message when it cannot be used, else None."""
    if st.session_state.get(UPLOAD_KEY) == (file_id, placement):
        return None
    st.session_state[UPLOAD_KEY] = (file_id, placement)
    return _take(name, data, placement, (file_id, placement))


def take_example(placement: str) -> None:
    """The example shapes, read through the same reader as an upload of example_zip() would be."""
    if st.session_state.get(SOURCE_KEY) != (EXAMPLE, placement):
        _take(EXAMPLE_NAME, example_zip(), placement, (EXAMPLE, placement))


def follow_placement(placement: str) -> None:
    """The example read again when the placement moves (an upload is read again by take_upload)."""
    source = st.session_state.get(SOURCE_KEY)
    if source is not None and source[0] == EXAMPLE and source[1] != placement:
        take_example(placement)


def upload_removed() -> None:
    """The student took their file out of the uploader: its data and run go too (the example stays)."""
    _drop(UPLOAD_KEY, ERROR_KEY)
    source = st.session_state.get(SOURCE_KEY)
    if source is not None and source[0] != EXAMPLE:
        _drop(DATA_KEY, SOURCE_KEY)
        forget_run()


def forget_run() -> None:
    _drop(RUN_KEY, CODES_KEY)


def _drop(*keys: str) -> None:
    for key in keys:
        if key in st.session_state:
            del st.session_state[key]


def codes_of_every_image(run: LiveRun, data: LoadedData) -> np.ndarray:
    """The run's codes of all the images, encoded once per model state (a run that has ended)."""
    cached = st.session_state.get(CODES_KEY)
    if cached is None or cached[0] is not run or cached[1] != len(run.views):
        cached = (run, len(run.views), codes_of(run.model, data.images))
        st.session_state[CODES_KEY] = cached
    return cached[2]


def run_prediction() -> Prediction | OpenQuestion:
    """The card's answer, measured from this session's run once it has finished its last epoch."""
    run, data = current_run(), loaded()
    last = run.last if run is not None else None
    if data is None or last is None or last.epoch < last.epochs:
        return open_question()
    return held_out_prediction(last.train_mse, last.held_out_mse, len(data.split.train),
                               len(data.split.held_out), run.settings.title)
