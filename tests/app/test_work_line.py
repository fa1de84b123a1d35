"""The server's line of heavy work as pages meet it (AppTest): a light page run completes while every heavy worker
is busy, and a sampling that waits shows its place in line and its wait, then makes its result. Checked by the
order of events, never by how long anything took."""

from __future__ import annotations

import threading

import streamlit as st
from streamlit.testing.v1 import AppTest

from explorer.core.heavy_job import HeavyJob
from explorer.ui.bottleneck import keys
from explorer.ui.server.work_line import work_line
from tests.app.conftest import image_urls

HANG = 600  # seconds: only a job that never wakes waits this long, and then the test fails instead of hanging


def busy_workers(events: list) -> tuple[list[HeavyJob], threading.Event]:
    """Every worker of the server's line held by a fake heavy job that waits to be let go."""
    go = threading.Event()
    line = work_line()
    started = [threading.Event() for _ in range(line.capacity)]

    def blocked(number: int):
        def compute(on_step) -> str:
            started[number].set()
            assert go.wait(HANG)
            events.append("heavy job let go")
            return "done"

        return compute

    jobs = [HeavyJob(line, "fake", 100, 1.0, blocked(n)) for n in range(line.capacity)]
    for event in started:
        assert event.wait(HANG)
    return jobs, go


def test_a_light_page_run_completes_while_every_heavy_worker_is_busy(open_page):
    app = open_page("app_pages/bottleneck.py")
    events: list = []
    jobs, go = busy_workers(events)
    before = image_urls(app)
    app.segmented_control(key=keys.K).set_value(2).run()  # a light click: moving k
    events.append("light page run done")
    assert not app.exception, app.exception
    assert image_urls(app)[8:] != before[8:]  # it drew the new reconstructions
    assert not any(job.finished.is_set() for job in jobs) and work_line().running == len(jobs)  # still all busy
    go.set()
    for job in jobs:
        assert job.finished.wait(HANG)
    assert events == ["light page run done"] + ["heavy job let go"] * len(jobs)


def sampling_page() -> None:
    """A page that asks for a sampling on the server's line, its status line recorded."""
    import streamlit as st

    from explorer.ui.server.shared_results import shared_run

    shown, let_go = st.session_state["shown"], st.session_state["let_go"]

    class Recorded:
        def __init__(self, place):
            self.place = place

        def __getattr__(self, box: str):
            def show(*args, **kwargs):
                shown.append((box, kwargs.get("text", args[0] if args else None)))
                if box == "warning":
                    let_go.set()  # the job ahead ends once the page has shown its place
                return getattr(self.place, box)(*args, **kwargs)

            return show

    def sample(on_step) -> str:
        for step in range(1, 4):
            on_step(step, 3)
        return "16 new digits"

    st.markdown(shared_run("test_sampling", ("seed", 7), "Denoising", sample, steps=3, step_seconds=0.5,
                           status=Recorded(st.empty())))


def test_a_waiting_sampling_shows_its_place_and_wait_then_its_result():
    st.cache_resource.clear()  # a fresh line and store of results, as on a new server
    events: list = []
    jobs, go = busy_workers(events)
    app = AppTest.from_function(sampling_page, default_timeout=120)
    app.session_state["shown"], app.session_state["let_go"] = [], go
    app.run()
    assert not app.exception, app.exception
    shown = app.session_state["shown"]
    box, text = shown[0]
    assert box == "warning" and text.startswith("⏳ Denoising: waiting for a free worker, 1 run(s) from other")
    assert "yours starts in" in text  # the fake jobs ahead said their size and step time
    assert shown[-1] == ("empty", None)  # the status line cleared once the result came
    assert app.markdown[0].value == "16 new digits"
    assert all(job.finished.is_set() for job in jobs)
