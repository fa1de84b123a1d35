"""The server's start-up visit (explorer/ui/warm_up.py) opens every page of the route without an error."""

from __future__ import annotations

import threading

from explorer.ui.navigation import HOME, PAGES
from scripts.app_process import free_port, start_app, stop_app, wait_until_healthy

REPORT = "Start-up: opened "


def test_the_server_opens_every_page_once_at_start_up():
    port = free_port()
    process = start_app(port)
    report: list[str] = []

    def read_output() -> None:
        for line in iter(process.stdout.readline, b""):
            text = line.decode(errors="replace")
            if REPORT in text:
                report.append(text)
                return

    reader = threading.Thread(target=read_output, daemon=True)
    reader.start()
    try:
        wait_until_healthy(port, process, timeout=300)
        reader.join(timeout=600)  # a busy 2-core machine: every page once, the diffusion samples too
    finally:
        stop_app(process)
    assert report, "the server never reported its start-up visit"
    opened = report[0].split(REPORT, 1)[1]
    assert "showed an error" not in opened, opened
    assert opened.split(" in ")[0].split(", ") == [page.title for page in (HOME, *PAGES)]
