"""The first visitor's wait: each page opened in headless Chromium from the address typed to the page drawn (the
script run ended and every image loaded), on a server that has just started to answer, and on one that has been
up for 30 s; with the start-up visit (explorer/ui/server/warm_up.py) and, as the "before", without it.

Each open is split in three, read from the page's websocket: the browser starting Streamlit's own scripts (to
the socket's opening), the server's run (from the browser asking for the page to the run's end), and the browser
drawing what came (to every element drawn and every image loaded). A bare Streamlit page opened the same way gives
the floor that no page of this app can go under on the machine that measures; the same page with one Plotly chart,
the floor of every page that draws one.

A fresh-server open starts a server of its own for each page, so nothing a previous open left helps it. After
30 s, one server per run takes every page in turn, each in a new browser session.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from scripts.app_process import (
    ROOT,
    free_port,
    launch_chromium,
    start_app,
    stop_app,
    wait_for_app,
    wait_until_healthy,
)
from scripts.benchmarks.stats import median

UP_FOR_S = 30  # "after the server has been up for 30 s"
FRESH_TARGET_S = 1.5
SETTLED_TARGET_S = 1.0
NO_WARM_UP = {"EXPLORER_WARM_UP": "0"}
BARE_PAGE = 'import streamlit as st\n\nst.title("Bare")\nst.write("A page with nothing of this app in it.")\n'
# The same with one small Plotly chart: every page but Home, Loss balance and Your data set draws one on opening,
# and a new tab loads and runs Plotly's code before Streamlit draws the page's elements.
PLOTLY_PAGE = BARE_PAGE + (
    'import plotly.graph_objects as go\n\nst.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2])))\n')
FLOORS = {"bare Streamlit page": BARE_PAGE, "bare Streamlit page with one Plotly chart": PLOTLY_PAGE}
PARTS = ("total", "browser_start", "server_run", "browser_draw")


def route_paths() -> list[str]:
    from explorer.ui.shared.navigation import PAGES, url_name

    return ["/", *(f"/{url_name(page.path)}" for page in PAGES)]


def run_ended(payload: bytes | str) -> bool:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = ForwardMsg()
    message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode("latin-1"))
    return message.WhichOneof("type") == "script_finished"


def time_open(browser, port: int, path: str) -> dict[str, float]:
    """Seconds from typing the address of `path` to the page drawn, in a new browser session, and its parts."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    marks: dict[str, float] = {}

    def note_run_end(payload) -> None:
        if run_ended(payload):
            marks["ended"] = time.perf_counter()  # the last run's end: a page may rerun itself once

    def watch(socket) -> None:
        marks.setdefault("connected", time.perf_counter())
        socket.on("framesent", lambda _: marks.setdefault("asked", time.perf_counter()))
        socket.on("framereceived", note_run_end)

    page.on("websocket", watch)
    try:
        started = time.perf_counter()
        page.goto(f"http://127.0.0.1:{port}{path}")
        wait_for_app(page, timeout=180_000, still_ms=0)
        drawn = time.perf_counter()
        return {"total": drawn - started, "browser_start": marks["connected"] - started,
                "server_run": marks["ended"] - marks["asked"], "browser_draw": drawn - marks["ended"]}
    finally:
        page.close()


def on_a_new_server(env: dict[str, str] | None, wait_s: float, visits, script: str = "app.py", cwd: Path = ROOT):
    """visits(port) on a server of its own, started with `env` and up for `wait_s` after it first answered."""
    port = free_port()
    process = start_app(port, script, cwd, env=env)
    try:
        wait_until_healthy(port, process, timeout=300)
        time.sleep(wait_s)
        return visits(port)
    finally:
        stop_app(process)


def fresh_opens(browser, runs: int, env: dict[str, str] | None) -> dict[str, list[dict]]:
    return {path: [on_a_new_server(env, 0, lambda port, path=path: time_open(browser, port, path))
                   for _ in range(runs)] for path in route_paths()}


def settled_opens(browser, runs: int) -> dict[str, list[dict]]:
    times: dict[str, list[dict]] = {path: [] for path in route_paths()}
    for _ in range(runs):
        opened = on_a_new_server(None, UP_FOR_S, lambda port: {path: time_open(browser, port, path) for path in times})
        for path, parts in opened.items():
            times[path].append(parts)
    return times


def bare_opens(browser, runs: int) -> dict[str, list[dict]]:
    opens = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, script in FLOORS.items():
            (Path(folder) / "bare.py").write_text(script)
            opens[name] = on_a_new_server(
                None, 2, lambda port: [time_open(browser, port, "/") for _ in range(runs)], "bare.py", Path(folder))
    return opens


def summary(times: dict[str, list[dict]]) -> dict:
    """Per page: the median of each part (the parts' medians need not add up to the total's) and every total."""
    return {path: {**{f"{part}_s": median([o[part] for o in opens]) for part in PARTS},
                   "runs": [round(o["total"], 2) for o in opens]} for path, opens in times.items()}


def slowest(times: dict[str, list[dict]]) -> float:
    return max(median([o["total"] for o in opens]) for opens in times.values())


def run(runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        floor = bare_opens(browser, runs)
        before = fresh_opens(browser, runs, NO_WARM_UP)
        fresh = fresh_opens(browser, runs, None)
        settled = settled_opens(browser, runs)
        browser.close()
    return {
        "floor": summary(floor),
        "without_start_up_visit_fresh_server": summary(before),
        "fresh_server": summary(fresh),
        f"server_up_{UP_FOR_S}s": summary(settled),
        "slowest_median_s": {"without_start_up_visit": slowest(before), "fresh_server": slowest(fresh),
                             f"server_up_{UP_FOR_S}s": slowest(settled)},
        "targets_s": {"fresh_server": FRESH_TARGET_S, f"server_up_{UP_FOR_S}s": SETTLED_TARGET_S},
    }
