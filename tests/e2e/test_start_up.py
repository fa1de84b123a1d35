"""The server's start-up work (explorer/ui/server/warm_up.py) fills the shared caches of the pages app.py names,
without an error."""

from __future__ import annotations

from app import START_UP_PAGES
from scripts.app_process import free_port, start_app, stop_app, wait_for_start_up_visit, wait_until_healthy


def test_the_server_fills_the_start_up_pages_caches_by_the_time_it_answers():
    port = free_port()
    process = start_app(port)
    try:
        wait_until_healthy(port, process, timeout=300)
        report = wait_for_start_up_visit(process)
    finally:
        stop_app(process)
    assert "failed" not in report, report
    assert report.rsplit(" in ", 1)[0].split(", ") == list(START_UP_PAGES)
