"""Cold start and memory: the app, with its start-up work (explorer/ui/server/warm_up.py) and without it or with
less of it, beside a bare Streamlit page that only imports torch, all in the same run."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.app_process import (
    ROOT,
    free_port,
    launch_chromium,
    resident_mb,
    start_app,
    stop_app,
    wait_for_app,
    wait_until_healthy,
)
from scripts.benchmarks.stats import median

BARE_PAGE = 'import streamlit as st\nimport torch\n\nst.write("bare page ready")\n'
# The app as it ships, and with less start-up work (EXPLORER_WARM_UP): each piece is kept only where it pays.
VARIANTS = {"app": {}, "app_without_start_up_work": {"EXPLORER_WARM_UP": "0"}, "app_filling_home_only": {
    "EXPLORER_WARM_UP": "home"}}
BARE_IMPORT_RSS = (
    "import torch, pathlib; "
    "print(next(l for l in pathlib.Path('/proc/self/status').read_text().splitlines() if l.startswith('VmRSS')))"
)


def time_to_first_render(browser, script: str, cwd: Path, ready_text: str, env: dict[str, str] | None = None):
    """(seconds from process start to `ready_text` on screen, port, live process, open page)."""
    port = free_port()
    started = time.perf_counter()
    process = start_app(port, script, cwd, env=env)
    wait_until_healthy(port, process)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"http://127.0.0.1:{port}/")
    page.get_by_text(ready_text).first.wait_for(timeout=120_000)
    wait_for_app(page, still_ms=0)  # timed: the run's end and its images, without a quiet period
    return time.perf_counter() - started, port, process, page


def app_opens(browser, env: dict[str, str]) -> tuple[float, float]:
    """(cold start to Home drawn, the server's resident MB once Bottleneck is drawn after it)."""
    seconds, port, process, page = time_to_first_render(browser, "app.py", ROOT, "Autoencoder Explorer", env)
    page.goto(f"http://127.0.0.1:{port}/bottleneck")
    page.get_by_text("Eight test digits").wait_for(timeout=60_000)
    wait_for_app(page)
    rss = resident_mb(process.pid)
    page.close()
    stop_app(process)
    return seconds, rss


def run(runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    bare_times, apps = [], {name: [] for name in VARIANTS}
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as bare_dir:
        (Path(bare_dir) / "bare.py").write_text(BARE_PAGE)
        browser = launch_chromium(playwright)
        for _ in range(runs):  # interleaved, so that a slow spell of the machine touches every variant alike
            seconds, _, process, page = time_to_first_render(browser, "bare.py", Path(bare_dir), "bare page ready")
            bare_times.append(seconds)
            page.close()
            stop_app(process)
            for name, env in VARIANTS.items():
                apps[name].append(app_opens(browser, env))
        browser.close()

    bare_rss = []
    for _ in range(runs):
        line = subprocess.run([sys.executable, "-c", BARE_IMPORT_RSS], capture_output=True, text=True, check=True)
        bare_rss.append(int(line.stdout.split()[1]) / 1024)
    result = {"bare_streamlit_torch_cold_start_median_s": median(bare_times),
              "bare_streamlit_torch_runs_s": [round(t, 3) for t in bare_times],
              "bare_import_torch_median_mb": median(bare_rss),
              "targets": {"cold_start_difference_at_most_s": 1.5, "memory_difference_at_most_mb": 250}}
    for name, opens in apps.items():
        times, rss = [t for t, _ in opens], [r for _, r in opens]
        result[name] = {
            "cold_start_median_s": median(times),
            "cold_start_difference_median_s": median([a - b for a, b in zip(times, bare_times, strict=True)]),
            "cold_start_runs_s": [round(t, 3) for t in times],
            "memory_after_home_and_bottleneck_median_mb": median(rss),
            "memory_difference_median_mb": round(median(rss) - median(bare_rss), 1),
        }
    return result
