"""The server's start-up visit (explorer/ui/server/warm_up.py) opens every page of the route without an error."""

from __future__ import annotations

from explorer.ui.shared.navigation import HOME, PAGES
from scripts.app_process import free_port, start_app, stop_app, wait_for_start_up_visit, wait_until_healthy


def test_the_server_opens_every_page_once_at_start_up():
    port = free_port()
    process = start_app(port)
    try:
        wait_until_healthy(port, process, timeout=300)
        report = wait_for_start_up_visit(process)  # a busy 2-core machine: every page once, diffusion samples too
    finally:
        stop_app(process)
    assert "showed an error" not in report, report
    assert report.rsplit(" in ", 1)[0].split(", ") == [page.title for page in (HOME, *PAGES)]
