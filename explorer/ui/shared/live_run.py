"""A page's live run, the one flow Loss balance, Shapes and Your data set share: the run kept in the session,
its place in line and wait while it waits for a worker of the server's line of heavy work, each epoch drawn as it
trains, and once it has settled,
its last epoch and how it ended in the page's status line.

Moving a widget stops a run: Streamlit interrupts the script at its next Streamlit call, and one comes every
poll while the run waits (its place in line) and every epoch while it trains (the page's drawing).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import streamlit as st

from explorer.core.work_line import Place, WorkLine
from explorer.models.base import Autoencoder
from explorer.training.fit import EpochReport
from explorer.training.live import DeferredWarmUp, LiveRun, RunStatus, live_device, train_live
from explorer.ui.server.work_line import duration, line_now, waiting_words, work_line
from explorer.ui.shared.resources import live_training_warm_up

WAITING = "⏳ Waiting for a free trainer: {ahead} run(s) from other students ahead of yours{more}."


@dataclass(frozen=True)
class LiveTraining:
    """What every live run of this server goes through: the device, the warm-up and the line of heavy work."""

    device: str
    device_notice: str | None  # when $EXPLORER_DEVICE asked for a device that cannot be used
    warm_up: DeferredWarmUp  # a run starts once it is done
    line: WorkLine


def live_training() -> LiveTraining:
    device, notice = live_device()
    return LiveTraining(device, notice, live_training_warm_up(), work_line())


def run_cost(training: LiveTraining, job: str, epochs: int) -> str:
    """Before a student starts a run: what it costs on this server (epochs × the last epoch timed here by a run of
    this page, once there is one) and how busy the line of heavy work is."""
    epoch = training.line.step_seconds(job)
    cost = "" if epoch is None else f"{epochs} epochs take {duration(epochs * epoch)} at the last run's pace · "
    return f"{cost}{line_now(training.line)}"


@dataclass(frozen=True)
class Notice:
    """A message for the status line: the kind of box Streamlit shows it in, and its words."""

    box: Literal["info", "success", "warning", "error"]
    text: str
    icon: str | None = None

    def show(self, place: Any) -> None:
        getattr(place, self.box)(self.text, icon=self.icon)


@dataclass(frozen=True)
class RunEndings:
    """A page's words for each way its run ends, written from the run."""

    finished: Callable[[LiveRun], Notice]
    stopped: Callable[[LiveRun], Notice]
    failed: Callable[[LiveRun], Notice]  # after at least one epoch: what it learned is on screen
    failed_at_start: Callable[[LiveRun], Notice]  # before its first epoch: nothing to show

    def of(self, run: LiveRun) -> Notice:
        if run.last is None:
            return self.failed_at_start(run)
        return {RunStatus.FAILED: self.failed, RunStatus.STOPPED: self.stopped}.get(run.status, self.finished)(run)


class LiveRunPanel:
    """One page's live run for one script run: kept in session_state[key] (each browser tab its own, never
    shared), its status in `status` (an st.empty()), each epoch drawn by `draw(run)` (the run's last view)."""

    def __init__(self, key: str, status: Any, draw: Callable[[LiveRun], None]):
        self.key, self.status, self._draw = key, status, draw
        self._drawn = None  # the view this script run drew last

    def draw(self, run: LiveRun) -> None:
        self._draw(run)
        self._drawn = run.last

    def train(self, run: LiveRun, line: WorkLine, train_images: np.ndarray, test_images: np.ndarray,
              view: Callable[[Autoencoder, EpochReport], Any], training: str) -> None:
        """Train `run` once a worker of the line is free, drawing each epoch; `view(model, report)` makes what an
        epoch shows (see train_live), and `training` is the status line until the first epoch is drawn. On the
        line the run is a job named by this panel's key, its epochs timed there."""
        st.session_state[self.key] = run  # saved before training: every epoch lands in it as it goes

        def show_place_in_line(place: Place) -> None:  # a Streamlit call: moving a widget here gives the place up
            self.status.warning(WAITING.format(ahead=place.ahead, more=waiting_words(place)))

        with line.hold(self.key, run.settings.train_config().epochs, on_wait=show_place_in_line) as ticket:
            def timed_view(model: Autoencoder, report: EpochReport) -> Any:  # in the training thread
                line.progress(ticket, report.epoch)
                return view(model, report)

            self.status.info(training)
            train_live(run, train_images, test_images, view=timed_view, on_view=lambda _: self.draw(run))

    def settle(self, endings: RunEndings) -> LiveRun | None:
        """The session's run once its training has ended (an interrupted one may still be stopping), its last
        epoch drawn unless this script run drew it already, and its ending in the status line. None when there
        is nothing to show: no run yet, or one given up while it waited for a slot."""
        run = st.session_state.get(self.key)
        if run is None:
            return None
        run.settled()
        if run.last is None and run.status != RunStatus.FAILED:
            return None
        if run.last is not None and self._drawn is not run.last:
            self.draw(run)
        endings.of(run).show(self.status)
        return run
