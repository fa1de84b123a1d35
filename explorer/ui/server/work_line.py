"""The server's one line of heavy work (live training and diffusion sampling share it), and its words: a waiting
student's place and wait, and what a heavy action would cost on this server before the student starts it."""

from __future__ import annotations

import streamlit as st

from explorer.core.work_line import Place, WorkLine, default_capacity
from explorer.training.live import live_device

UNMEASURED = "the wait is known once the work ahead has made its first steps here"


@st.cache_resource(show_spinner=False)
def work_line() -> WorkLine:
    """One line for every session of this server, as many workers as live training's device can take."""
    return WorkLine(default_capacity(live_device()[0]))


def duration(seconds: float) -> str:
    if seconds < 1:
        return "under a second"
    if seconds < 90:
        return f"about {seconds:.0f} s"
    return f"about {seconds / 60:.0f} min"


def waiting_words(place: Place) -> str:
    """After "N run(s) from other students ahead of yours": what they are and when this job starts."""
    when = UNMEASURED if place.wait_s is None else f"yours starts in {duration(place.wait_s)}"
    return f" (training or sampling) · {when}"


def line_now(line: WorkLine) -> str:
    """How busy the line is right now, for a caption beside a heavy action's controls."""
    forecast = line.forecast()
    now = f"heavy jobs (training, sampling): {line.running} of {line.capacity} running, {line.waiting} waiting"
    if forecast.ahead and forecast.wait_s is not None:
        now += f", a new one starts in {duration(forecast.wait_s)}"
    return now
