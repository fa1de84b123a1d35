import gc
import threading

import pytest

from explorer.ui.server import warm_up
from explorer.ui.server.visitor_runs import DRAWING_S, VisitorRuns
from explorer.ui.server.warm_up import WARM_UP_ENV, fill_pages, freeze_start_up_objects, pages_to_fill
from explorer.ui.shared.navigation import PAGES, url_name


class FakeClock:
    """Seconds that move only when the work sleeps: what it does depends on events and their order."""

    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_pages_to_fill_are_app_pys_unless_the_environment_names_others(monkeypatch):
    monkeypatch.delenv(WARM_UP_ENV, raising=False)
    assert pages_to_fill(("home", "bottleneck")) == ("home", "bottleneck")
    monkeypatch.setenv(WARM_UP_ENV, "1")
    assert pages_to_fill(("home",)) == ("home",)
    monkeypatch.setenv(WARM_UP_ENV, " home, loss_balance ,")
    assert pages_to_fill(("home",)) == ("home", "loss_balance")


def test_every_page_app_py_fills_offers_its_filler():
    from app import START_UP_PAGES

    assert set(START_UP_PAGES) <= {"home"} | {url_name(page.path) for page in PAGES}
    assert all(callable(warm_up.page_filler(page)) for page in START_UP_PAGES)


def test_a_visitors_run_counts_however_it_ends_and_then_while_it_is_drawn():
    clock = FakeClock()
    visitors = VisitorRuns(clock)
    assert not visitors.busy()
    with pytest.raises(RuntimeError), visitors.page_run():  # stopped, rerun, or an error: all end the run
        assert visitors.busy()
        raise RuntimeError
    assert visitors.running == 0 and visitors.busy()  # their browser is drawing
    clock.now += DRAWING_S
    assert not visitors.busy()


def test_the_work_fills_the_pages_in_order_each_once_no_visitor_is_running_or_drawing():
    clock, events = FakeClock(), []
    visitors = VisitorRuns(clock)
    visitor = visitors.page_run()
    visitor.__enter__()  # a visitor's page runs as the work starts

    def sleep(seconds):
        events.append("waits")
        clock.now += seconds
        if clock.now >= 1 and visitors.running:  # their run ends after a second
            visitor.__exit__(None, None, None)
            events.append("visitor's run ends")

    def filler(page):
        return lambda: events.append(page)

    filled, failed = fill_pages(("home", "bottleneck"), visitors, threading.Event(), filler, sleep)
    assert filled == ["home", "bottleneck"] and not failed
    ended = events.index("visitor's run ends")
    assert set(events[:ended]) == {"waits"} and events[-2:] == ["home", "bottleneck"]
    assert clock.now >= visitors.last_ended + DRAWING_S  # and waited while their browser drew


def test_a_page_that_fails_to_fill_is_left_to_its_visitor_and_the_rest_are_filled():
    def filler(page):
        def fill():
            if page == "broken":
                raise FileNotFoundError(page)
        return fill

    filled, failed = fill_pages(("broken", "home"), VisitorRuns(FakeClock()), threading.Event(), filler)
    assert filled == ["home"] and failed == ["broken"]


def test_a_server_stopping_stops_the_work_before_its_next_page():
    stopping = threading.Event()

    def filler(page):
        return stopping.set

    filled, _ = fill_pages(("home", "bottleneck"), VisitorRuns(FakeClock()), stopping, filler)
    assert filled == ["home"]


def test_what_start_up_made_is_left_out_of_the_collectors_scans():
    made_before = [[] for _ in range(3)]
    try:
        freeze_start_up_objects()
        assert gc.get_freeze_count() > 10_000  # the test session's imports: torch, streamlit, the library
        made_later = [[] for _ in range(3)]
        scanned = gc.get_objects()
        assert not any(item is made_before[0] for item in scanned)
        assert any(item is made_later[0] for item in scanned)
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0
