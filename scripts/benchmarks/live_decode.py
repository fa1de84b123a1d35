"""The Latent map's live decode in headless Chromium (real servers): per exact map, the time of one decode by one
model, of a whole render (both decodes, the digit judge on both, the nearest codes and the readout), renders per
second while the pointer sweeps the map, and the bytes of the weight files the browser fetched; and the page's first
open in a fresh browser context with the live decode (until it is ready), again with its files in the browser's
cache, and on a second server with the live decode turned off (EXPLORER_LIVE_DECODE=0): the same page as before it.
Both servers skip the start-up visit and have the Latent map's caches warmed by one discarded open, so the opens
differ only by the component and its weights."""

from __future__ import annotations

import time

from scripts.app_process import free_port, launch_chromium, start_app, stop_app, wait_for_app, wait_until_healthy
from scripts.benchmarks.stats import median

LIVE = "window.explorerLiveDecode"
SERVERS = {"live": {"EXPLORER_WARM_UP": "0"},  # explorer/ui/server/warm_up.py, explorer/ui/latent_map/live_decode.py
           "off": {"EXPLORER_WARM_UP": "0", "EXPLORER_LIVE_DECODE": "0"}}
LIVE_READY = f"{LIVE} && {LIVE}.ready"


def open_page(page, url: str, live: bool) -> float:
    """Seconds from asking for the page to the page settled, and with `live`, to the live decode ready too."""
    started = time.perf_counter()
    page.goto(url)
    wait_for_app(page)
    if live:
        page.wait_for_function(LIVE_READY, timeout=120_000)
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


def decode_times(page, runs: int) -> tuple[list[float], list[float]]:
    """Each decode's and each whole render's milliseconds, over 100 renders a run after 50 to warm the JIT."""
    page.evaluate(f"() => {{ for (let i = 0; i < 50; i++) {LIVE}.decodeAt('ae', 0.1 * i % 2, 0.5); "
                  f"{LIVE}.milliseconds.length = 0; {LIVE}.decodeMilliseconds.length = 0; }}")
    page.evaluate(f"() => {{ for (let i = 0; i < {100 * runs}; i++) "
                  f"{LIVE}.decodeAt(i % 2 ? 'ae' : 'vae', Math.sin(i), Math.cos(i)); }}")
    return page.evaluate(f"[{LIVE}.decodeMilliseconds, {LIVE}.milliseconds]")


def measure_map(browser, urls: dict[str, str], runs: int) -> dict:
    opens = {"live_off_s": [], "live_first_s": [], "live_weights_cached_s": []}
    for _ in range(runs):
        with_off = browser.new_context(viewport={"width": 1366, "height": 768})
        opens["live_off_s"].append(open_page(with_off.new_page(), urls["off"], live=False))
        with_off.close()
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        page = context.new_page()
        fetched = []  # the weight files' bytes of the first open only (a cached one may still report a response)
        count = lambda r, got=fetched: "/explorer-files/" in r.url and got.append(len(r.body()))  # noqa: E731
        page.on("response", count)
        opens["live_first_s"].append(open_page(page, urls["live"], live=True))
        page.remove_listener("response", count)
        opens["live_weights_cached_s"].append(open_page(page, urls["live"], live=True))
    decodes, renders = decode_times(page, runs)
    results = {"one_decode_ms": median(decodes), "render_both_and_judge_ms": median(renders),
               "renders_per_s_while_sweeping": sweep(page, runs), "weights_bytes_fetched": sum(fetched),
               **{name: round(median(times), 2) for name, times in opens.items()}}
    context.close()
    results["added_by_live_decode_s"] = round(results["live_first_s"] - results["live_off_s"], 2)
    return results


def run(runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    ports = {name: free_port() for name in SERVERS}
    processes = {name: start_app(port, env=SERVERS[name]) for name, port in ports.items()}
    results = {}
    try:
        for name, process in processes.items():
            wait_until_healthy(ports[name], process)
        with sync_playwright() as manager:
            browser = launch_chromium(manager)
            for k, method in (("2", "latent"), ("16", "pca")):
                urls = {name: f"http://127.0.0.1:{port}/latent_map?k={k}&map={method}" for name, port in ports.items()}
                for name, url in urls.items():  # the servers' caches of this map: not what the component adds
                    warm = browser.new_context()
                    open_page(warm.new_page(), url, live=name == "live")
                    warm.close()
                results[f"k{k}"] = measure_map(browser, urls, runs)
            browser.close()
    finally:
        for process in processes.values():
            stop_app(process)
    return results
