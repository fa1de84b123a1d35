"""The Latent map's live decode in headless Chromium (a real server): per exact map, the time of one decode by
one model, of a whole render (both decodes, the digit judge on both, the nearest codes and the readout), renders
per second while the pointer sweeps the map, and the bytes of the weight files the browser fetched; and the
page's first open with and without the live decode's files in the browser's cache (a fresh and a reused context)."""

from __future__ import annotations

import time

from scripts.app_process import free_port, launch_chromium, start_app, stop_app, wait_for_app, wait_until_healthy
from scripts.benchmarks.stats import median

LIVE = "window.explorerLiveDecode"

def open_page(page, url: str) -> float:
    started = time.perf_counter()
    page.goto(url)
    wait_for_app(page)
    page.wait_for_function(f"{LIVE} && {LIVE}.ready", timeout=120_000)
    return time.perf_counter() - started


def sweep(page, runs: int) -> float:
    """Renders per second while the pointer crosses the AE's map in 60 moves."""
    plot = page.locator(".st-key-latent_chart_ae .js-plotly-plot").bounding_box()
    rates = []
    for _ in range(runs):
        before, started = page.evaluate(f"{LIVE}.decodes"), time.perf_counter()
        for step in range(60):
            page.mouse.move(plot["x"] + plot["width"] * (0.2 + step / 100), plot["y"] + plot["height"] * 0.5)
        page.wait_for_timeout(50)
        rates.append((page.evaluate(f"{LIVE}.decodes") - before) / (time.perf_counter() - started))
    return median(rates)


def run(runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    port = free_port()
    process = start_app(port)
    results = {}
    try:
        wait_until_healthy(port, process)
        with sync_playwright() as manager:
            browser = launch_chromium(manager)
            for k, method in (("2", "latent"), ("16", "pca")):
                url = f"http://127.0.0.1:{port}/latent_map?k={k}&map={method}"
                context = browser.new_context(viewport={"width": 1366, "height": 768})
                page = context.new_page()
                fetched = []
                page.on("response", lambda r, got=fetched: "/explorer-files/" in r.url and got.append(len(r.body())))
                first = open_page(page, url)
                cached = open_page(page, url)  # the same context: the weights come from the browser's cache
                page.evaluate(f"() => {{ for (let i = 0; i < 50; i++) {LIVE}.decodeAt('ae', 0.1 * i % 2, 0.5); "
                              f"{LIVE}.milliseconds.length = 0; {LIVE}.decodeMilliseconds.length = 0; }}")  # warm JIT
                page.evaluate(f"() => {{ for (let i = 0; i < {100 * runs}; i++) "
                              f"{LIVE}.decodeAt(i % 2 ? 'ae' : 'vae', Math.sin(i), Math.cos(i)); }}")
                times = page.evaluate(f"[{LIVE}.decodeMilliseconds, {LIVE}.milliseconds]")
                results[f"k{k}"] = {
                    "one_decode_ms": median(times[0]), "render_both_and_judge_ms": median(times[1]),
                    "renders_per_s_while_sweeping": sweep(page, runs), "weights_bytes_fetched": sum(fetched),
                    "first_open_s": round(first, 2), "open_again_weights_cached_s": round(cached, 2)}
                context.close()
            browser.close()
    finally:
        stop_app(process)
    return results
