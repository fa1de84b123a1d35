"""The first visitor's wait: each page opened in headless Chromium from the address typed to the page drawn (the
script run ended and every image loaded), on a server that has just started to answer, and on one that has been
up for 30 s; with the start-up visit (explorer/ui/warm_up.py) and, as the "before", without it.

A fresh-server open starts a server of its own for each page, so nothing a previous open left helps it. After
30 s, one server per run takes every page in turn, each in a new browser session.
"""

from __future__ import annotations

import time

from scripts.app_process import free_port, launch_chromium, start_app, stop_app, wait_for_app, wait_until_healthy
from scripts.benchmarks.stats import median

UP_FOR_S = 30  # "after the server has been up for 30 s"
FRESH_TARGET_S = 1.5
SETTLED_TARGET_S = 1.0
NO_WARM_UP = {"EXPLORER_WARM_UP": "0"}


def route_paths() -> list[str]:
    from explorer.ui.navigation import PAGES

    return ["/", *(f"/{page.path.rsplit('/', 1)[-1].removesuffix('.py')}" for page in PAGES)]


def time_open(browser, port: int, path: str) -> float:
    """Seconds from typing the address of `path` to the page drawn, in a new browser session."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        started = time.perf_counter()
        page.goto(f"http://127.0.0.1:{port}{path}")
        wait_for_app(page, timeout=180_000, still_ms=0)
        return time.perf_counter() - started
    finally:
        page.close()


def on_a_new_server(env: dict[str, str] | None, wait_s: float, visits):
    """visits(port) on a server of its own, started with `env` and up for `wait_s` after it first answered."""
    port = free_port()
    process = start_app(port, env=env)
    try:
        wait_until_healthy(port, process, timeout=300)
        time.sleep(wait_s)
        return visits(port)
    finally:
        stop_app(process)


def fresh_opens(browser, runs: int, env: dict[str, str] | None) -> dict[str, list[float]]:
    return {path: [on_a_new_server(env, 0, lambda port, path=path: time_open(browser, port, path))
                   for _ in range(runs)] for path in route_paths()}


def settled_opens(browser, runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {path: [] for path in route_paths()}
    for _ in range(runs):
        opened = on_a_new_server(None, UP_FOR_S, lambda port: {path: time_open(browser, port, path) for path in times})
        for path, seconds in opened.items():
            times[path].append(seconds)
    return times


def summary(times: dict[str, list[float]]) -> dict:
    return {path: {"median_s": median(values), "runs": [round(value, 2) for value in values]}
            for path, values in times.items()}


def run(runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        before = fresh_opens(browser, runs, NO_WARM_UP)
        fresh = fresh_opens(browser, runs, None)
        settled = settled_opens(browser, runs)
        browser.close()
    return {
        "without_start_up_visit_fresh_server": summary(before),
        "fresh_server": summary(fresh),
        f"server_up_{UP_FOR_S}s": summary(settled),
        "slowest_median_s": {"without_start_up_visit": max(median(v) for v in before.values()),
                             "fresh_server": max(median(v) for v in fresh.values()),
                             f"server_up_{UP_FOR_S}s": max(median(v) for v in settled.values())},
        "targets_s": {"fresh_server": FRESH_TARGET_S, f"server_up_{UP_FOR_S}s": SETTLED_TARGET_S},
    }
