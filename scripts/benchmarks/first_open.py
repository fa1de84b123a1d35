"""The first visitor's wait: each page opened in headless Chromium on a server that has just started, and on one
that has been up for 30 s, from the address typed to the page drawn (the run ended and every image loaded).

Each measurement starts its own server, so nothing a previous open left in the caches helps it.
"""

from __future__ import annotations

import time

from scripts.app_process import free_port, launch_chromium, start_app, stop_app, wait_for_app, wait_until_healthy
from scripts.benchmarks.stats import median

UP_FOR_S = 30  # "after the server has been up for 30 s"
FRESH_TARGET_S = 1.5
SETTLED_TARGET_S = 1.0


def route_paths() -> list[str]:
    from explorer.ui.navigation import HOME, PAGES

    return ["/", *(f"/{page.path.rsplit('/', 1)[-1].removesuffix('.py')}" for page in PAGES if page is not HOME)]


def time_first_open(browser, path: str, wait_s: float) -> float:
    """Seconds from typing `path` into a browser to the page drawn, on a server up for `wait_s` after it answered."""
    port = free_port()
    process = start_app(port)
    try:
        wait_until_healthy(port, process)
        time.sleep(wait_s)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        started = time.perf_counter()
        page.goto(f"http://127.0.0.1:{port}{path}")
        wait_for_app(page, timeout=120_000, still_ms=0)
        seconds = time.perf_counter() - started
        page.close()
        return seconds
    finally:
        stop_app(process)


def run(runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for path in route_paths():
            fresh = [time_first_open(browser, path, 0) for _ in range(runs)]
            settled = [time_first_open(browser, path, UP_FOR_S) for _ in range(runs)]
            results[path] = {
                "fresh_server_s": median(fresh), "fresh_runs": [round(t, 2) for t in fresh],
                f"after_{UP_FOR_S}s_s": median(settled), "settled_runs": [round(t, 2) for t in settled],
            }
        browser.close()
    return {"pages": results, "target_fresh_at_most_s": FRESH_TARGET_S,
            f"target_after_{UP_FOR_S}s_at_most_s": SETTLED_TARGET_S}
