import asyncio
import gc
import threading

from explorer.ui.server import warm_up
from explorer.ui.server.warm_up import WARM_UP_ENV, fill_pages, freeze_start_up_objects, pages_to_fill
from explorer.ui.shared.navigation import PAGES, url_name


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


def serve(lifespan, events: list) -> None:
    """Enter and leave st.App's lifespan as the server does, noting "answers" in between; on a thread of its own,
    as a browser test before this one may leave an event loop running on this one (Playwright's)."""

    async def answer():
        async with lifespan(app=None):
            events.append("answers")

    failures = []
    worker = threading.Thread(target=lambda: failures.extend(capture(lambda: asyncio.run(answer()))))
    worker.start()
    worker.join()
    if failures:
        raise failures[0]


def capture(call) -> list[BaseException]:
    try:
        call()
    except BaseException as error:  # noqa: BLE001 -- handed back to the test's thread
        return [error]
    return []


def test_the_server_answers_only_once_its_start_up_work_is_done(monkeypatch):
    """st.App's lifespan must not yield (the server does not answer) before every page's caches are filled."""
    events = []
    monkeypatch.delenv(WARM_UP_ENV, raising=False)
    monkeypatch.setattr(warm_up, "page_filler", lambda page: lambda: events.append(page))
    monkeypatch.setattr(warm_up, "freeze_start_up_objects", lambda: events.append("frozen"))

    serve(warm_up.warm_up(("home", "bottleneck")), events)
    assert events == ["home", "bottleneck", "frozen", "answers"]


def test_no_start_up_work_when_the_environment_says_0(monkeypatch):
    events = []
    monkeypatch.setenv(WARM_UP_ENV, "0")
    monkeypatch.setattr(warm_up, "page_filler", lambda page: lambda: events.append(page))

    serve(warm_up.warm_up(("home",)), events)
    assert events == ["answers"]


def test_a_page_that_fails_to_fill_is_left_to_its_visitor_and_the_rest_are_filled():
    def filler(page):
        def fill():
            if page == "broken":
                raise FileNotFoundError(page)
        return fill

    filled, failed = fill_pages(("broken", "home"), filler)
    assert filled == ["home"] and failed == ["broken"]


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
