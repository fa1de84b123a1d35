"""The Loss-balance page's shared resources (st.cache_resource, read-only): the shipped β runs, what they show,
and the data sets a live run trains on."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from explorer.checkpoints.store import MANIFEST_NAME, MissingGroupError, PretrainedFileError
from explorer.core.data import BUNDLED, LoadResult, load_dataset
from explorer.models.digit_judge import JUDGE_GROUP
from explorer.topics.loss_balance.evidence import GalleryEvidence, shipped_gallery
from explorer.topics.loss_balance.references import ReferenceRun, load_reference_runs
from explorer.topics.loss_balance.run import live_subset
from explorer.ui.shared.errors import report_pretrained_error, show_pretrained_error
from explorer.ui.shared.resources import bundled_data, pretrained_store


@st.cache_resource(show_spinner="Reading the shipped β runs…")
def reference_runs() -> list[ReferenceRun]:
    """The Loss-balance page's shipped runs, smallest β first."""
    return load_reference_runs(pretrained_store())


@st.cache_resource(show_spinner=False)
def reference_evidence() -> GalleryEvidence:
    """What each shipped β run shows, with the digit judge's verdicts on them: measured when the app was built
    (the digit_judge group), read here in milliseconds."""
    runs, store = reference_runs(), pretrained_store()
    try:
        return shipped_gallery(store.group(JUDGE_GROUP), [run.beta for run in runs])
    except KeyError as error:
        raise PretrainedFileError(store.root / MANIFEST_NAME, f"the digit_judge group lacks {error} for these β runs",
                                  rebuild="python scripts/train_pretrained.py --only digit_judge") from None


@st.cache_resource(show_spinner="Loading a data set…")
def live_dataset(name: str) -> LoadResult:
    """A data set for live training (cut to a few thousand images), and a notice if it fell back. The bundled
    digits are the server's one copy (bundled_data), not a second one read again."""
    result = LoadResult(bundled_data(), notice=None) if name == BUNDLED else load_dataset(name)
    return replace(result, data=live_subset(result.data))


def references_or_none() -> list[ReferenceRun]:
    """The shipped runs, or none (with a word why) in a build that lacks them: live training works without."""
    try:
        return reference_runs()
    except MissingGroupError:
        st.warning("This build of pretrained/ has no shipped β runs: live training still works, from scratch.")
    except PretrainedFileError as error:
        show_pretrained_error(error)
    return []


def evidence_or_none(references: list[ReferenceRun]) -> GalleryEvidence | None:
    """The shipped runs' measured evidence; it needs the digit_judge group, the pictures do not."""
    if references:
        with report_pretrained_error(stop=False):
            return reference_evidence()
    return None
