"""A slow computation run once per server for each setting, on the server's line of heavy work, with its place in
line and then its progress while it runs: the Diffusion page's samples, of which the default ones are shipped
with the app. Sessions asking for the same setting at once follow one computation; one that moves on stops
following it, and the last one to leave cancels it."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import streamlit as st

from explorer.core.heavy_job import HeavyJob, StepCallback
from explorer.core.shared_results import SharedResults
from explorer.core.work_line import Place
from explorer.ui.server.work_line import waiting_words, work_line

# Diffusion's samples at a setting are 2.9 MB each (30 frames of 16 pictures, twice, in float32). A class trying
# random seeds rarely asks for one again, so 24 kept left 70 MB behind after a class of 30; 8 keep 23 MB, and the
# setting a teacher asks the whole class for is among the most recent.
KEPT_RESULTS = 8
WAITING = "⏳ {label}: waiting for a free worker, {ahead} run(s) from other students ahead of yours{more}."


@st.cache_resource
def shared_results() -> SharedResults:
    return SharedResults(KEPT_RESULTS)


def shared_run(key: str, params: Hashable, label: str, run: Callable[[StepCallback], Any], *, steps: int,
               step_seconds: float | None, shipped: Any | None = None, status: Any = None) -> Any:
    """The result of run(on_step) for these params: this server's copy when there is one, else `shipped` (the
    result made when the app was built, if any), else made on the line, `steps` steps of about `step_seconds`
    (a guess until the line has measured this kind of work), its place in line and then its progress shown in
    `status` (an st.empty(); a new one by default). `key` names the computation, `params` its settings."""
    store, whole_key = shared_results(), (key, params)
    result = store.get(whole_key)
    if result is None:
        result = shipped
    if result is not None:
        return result
    status = st.empty() if status is None else status

    def start() -> HeavyJob:
        return HeavyJob(work_line(), key, steps, step_seconds, run,
                        on_end=lambda job: store.land(whole_key, job, job.result))

    def show_place(place: Place) -> None:  # a Streamlit call: moving a widget here stops following the job
        status.warning(WAITING.format(label=label, ahead=place.ahead, more=waiting_words(place)))

    def show_step(done: int, total: int) -> None:
        status.progress(done / total, text=f"{label}: step {done} of {total}")

    job = store.follow(whole_key, start)
    try:
        result = job.follow(show_place, show_step)
    except BaseException:
        store.unfollow(whole_key, job)
        raise
    status.empty()
    return result
