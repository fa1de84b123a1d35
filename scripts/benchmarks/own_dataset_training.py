"""Your data set: from pressing Train to the first epoch on screen, in a real browser.

A real server (`streamlit run app.py`, its start-up visit done) and headless Chromium at 1366 x 768. Each run is a
new browser session: open the page, press "Use the example" (500 shapes), press Train with the default settings
(VAE, k = 8, 15 epochs), and time from the click to the status line of epoch 1; then wait for the run to finish.
Target: at most 2 s on 2 CPU cores.
"""

from __future__ import annotations

import time

from scripts.app_process import (
    free_port,
    launch_chromium,
    start_app,
    stop_app,
    wait_for_app,
    wait_for_start_up_visit,
    wait_until_healthy,
)
from scripts.benchmarks.stats import median

TARGET_S = 2.0


def first_epoch_times(runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    port = free_port()
    process = start_app(port)
    try:
        wait_until_healthy(port, process, timeout=300)
        wait_for_start_up_visit(process)  # the server's one-off work is done, as for a class that arrives later
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1366, "height": 768})
                page = context.new_page()
                page.goto(f"http://127.0.0.1:{port}/own_dataset")
                page.get_by_text("Upload a data set, or press").wait_for(timeout=120_000)
                wait_for_app(page)
                page.get_by_role("button", name="Use the example").click()
                page.get_by_text("shapes_example.zip ·").wait_for(timeout=60_000)
                wait_for_app(page)
                pressed = time.perf_counter()
                page.get_by_role("button", name="Train", exact=True).click()
                page.get_by_text("Epoch 1 of 15").wait_for(timeout=60_000)
                times.append(time.perf_counter() - pressed)
                page.get_by_text("Finished 15 epochs").wait_for(timeout=300_000)
                context.close()
            browser.close()
    finally:
        stop_app(process)
    return times


def run(runs: int) -> dict:
    times = first_epoch_times(runs)
    return {"first_epoch_on_screen_s": {"browser_median": median(times), "runs": [round(t, 3) for t in times],
                                        "target_at_most": TARGET_S}}
