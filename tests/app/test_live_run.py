"""The live-run component that Loss balance, Shapes and Your data set share, on a page of its own (AppTest): a run
kept in the session, its place in line and wait shown, each epoch drawn, and the words for each way it ends."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from streamlit.testing.v1 import AppTest

from explorer.core.work_line import WorkLine
from explorer.training.fit import TrainConfig
from explorer.training.live import LiveRun, RunStatus
from explorer.ui.shared.live_run import Notice, RunEndings

IMAGES = np.random.default_rng(0).random((96, 1, 28, 28), dtype=np.float32)
ENDINGS = RunEndings(
    finished=lambda run: Notice("success", f"Finished {run.last} epochs."),
    stopped=lambda run: Notice("info", f"Stopped after epoch {run.last}."),
    failed=lambda run: Notice("error", f"Failed in epoch {run.last + 1}: {run.problem}."),
    failed_at_start=lambda run: Notice("error", f"Failed before its first epoch: {run.problem}."),
)


@dataclass(frozen=True)
class Plan:
    epochs: int = 2

    def train_config(self) -> TrainConfig:
        return TrainConfig(epochs=self.epochs, batch_size=32, seed=0)


class WatchedLine(WorkLine):
    """One worker; every look at the line is listed in `events`, and `shown_place` is set once the page has shown a
    place in line."""

    def __init__(self):
        super().__init__(capacity=1)
        self.events: list = []
        self.shown_place = threading.Event()

    def wait(self, ticket, timeout: float):
        place = super().wait(ticket, timeout)
        self.events.append(("ahead", place.ahead))
        return place


class Shown:
    """The page's status line, every text it was given listed in `line.events`."""

    def __init__(self, status, line: WatchedLine):
        self.status, self.line = status, line

    def __getattr__(self, box: str):
        def show(text: str, **kwargs) -> None:
            self.line.events.append((box, text))
            if text.startswith("⏳"):
                self.line.shown_place.set()
            getattr(self.status, box)(text, **kwargs)

        return show


def page() -> None:
    """A page with one live run: the button trains one, every script run settles it."""
    import streamlit as st

    from explorer.models import MLPAE, MLPAEConfig
    from explorer.training.live import LiveRun
    from explorer.ui.shared.live_run import LiveRunPanel
    from tests.app.test_live_run import ENDINGS, IMAGES, Plan, Shown

    line = st.session_state["line"]
    status = Shown(st.empty(), line)
    panel = LiveRunPanel("run", status, lambda run: st.session_state["drawn"].append(run.last))
    if st.button("Train", key="train"):
        run = LiveRun(settings=Plan(), model=MLPAE(MLPAEConfig(latent_dim=2, hidden_dim=16)), device="cpu")

        def view(model, report) -> int:
            line.events.append(("epoch", report.epoch))
            return report.epoch

        panel.train(run, line, IMAGES[:64], IMAGES[64:], view=view, training="Training…")
    if panel.settle(ENDINGS) is None:
        status.info("No run to show.")


def open_page(run: LiveRun | None = None) -> AppTest:
    app = AppTest.from_function(page, default_timeout=120)
    app.session_state["line"], app.session_state["drawn"] = WatchedLine(), []
    if run is not None:
        app.session_state["run"] = run
    app.run()
    assert not app.exception, app.exception
    return app


def ended_run(status: RunStatus, views: list, problem: str | None = None) -> LiveRun:
    run = LiveRun(settings=Plan(), model=None, device="cpu", views=views, status=status, problem=problem)
    run.ended.set()
    return run


def test_a_run_is_kept_drawn_every_epoch_and_its_ending_worded():
    app = open_page()
    assert app.info[0].value == "No run to show."
    app.button(key="train").click().run()
    assert not app.exception, app.exception
    run = app.session_state["run"]
    assert run.status == RunStatus.FINISHED and run.views == [1, 2]
    drawn = list(app.session_state["drawn"])
    assert drawn == sorted(set(drawn)) and drawn[-1] == 2  # each epoch at most once, the last always, no redraw
    assert app.success[0].value == "Finished 2 epochs."
    app.run()  # the next script run: the last epoch drawn again, the same words
    assert list(app.session_state["drawn"]) == [*drawn, 2] and app.success[0].value == "Finished 2 epochs."


def test_a_run_waits_in_line_shown_its_place_and_wait_then_trains():
    app = open_page()
    line = app.session_state["line"]
    line.events.clear()  # what the page showed before the click
    other = line.join("another page", steps=5, step_seconds=4.0)  # another student's run is training

    def give_back() -> None:
        line.shown_place.wait()
        line.events.append("given back")
        line.leave(other)

    threading.Thread(target=give_back, daemon=True).start()
    app.button(key="train").click().run()
    assert not app.exception, app.exception
    assert app.session_state["run"].status == RunStatus.FINISHED
    events = line.events
    given_back, first_epoch = events.index("given back"), events.index(("epoch", 1))
    assert events[0] == ("ahead", 1)  # it waited in line
    box, shown = events[1]  # and the page said so: its place, and the wait the line estimates from the run ahead
    assert box == "warning" and shown.startswith("⏳ Waiting for a free trainer: 1 run(s) from other students")
    assert "yours starts in about" in shown or "yours starts in under a second" in shown
    assert given_back < first_epoch and ("ahead", 0) in events[given_back:first_epoch]  # it trained once its turn came
    assert [event for event in events[first_epoch:] if event[0] == "epoch"] == [("epoch", 1), ("epoch", 2)]
    assert line.step_seconds("run") is not None  # its epochs were timed on the line for the next estimates


def test_each_ending_has_its_words():
    app = open_page(ended_run(RunStatus.STOPPED, [1]))
    assert app.info[0].value == "Stopped after epoch 1." and app.session_state["drawn"] == [1]
    app = open_page(ended_run(RunStatus.FAILED, [1, 2], problem="the loss stopped being a number"))
    assert app.error[0].value == "Failed in epoch 3: the loss stopped being a number."
    app = open_page(ended_run(RunStatus.FAILED, [], problem="the cpu ran out of memory"))
    assert app.error[0].value == "Failed before its first epoch: the cpu ran out of memory."
    assert app.session_state["drawn"] == []


def test_a_run_given_up_in_line_leaves_nothing_to_show():
    """Moving a widget while the run waits for a slot ends it before it trains: no epochs, still "training"."""
    app = open_page(LiveRun(settings=Plan(), model=None, device="cpu"))
    assert app.info[0].value == "No run to show." and app.session_state["drawn"] == []
