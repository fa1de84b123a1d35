"""Cold start and memory: the app beside a bare Streamlit page that only imports torch."""

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
BARE_IMPORT_RSS = (
    "import torch, pathlib; "
    "print(next(l for l in pathlib.Path('/proc/self/status').read_text().splitlines() if l.startswith('VmRSS')))"
)


def time_to_first_render(browser, script: str, cwd: Path, ready_text: str):
    """(seconds from process start to `ready_text` on screen, port, live process, open page)."""
    port = free_port()
    started = time.perf_counter()
    process = start_app(port, script, cwd)
    wait_until_healthy(port, process)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"http://127.0.0.1:{port}/")
    page.get_by_text(ready_text).first.wait_for(timeout=120_000)
    wait_for_app(page, still_ms=0)  # timed: the run's end and its images, without a quiet period
    return time.perf_counter() - started, port, process, page


def run(runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    app_times, bare_times, server_rss = [], [], []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as bare_dir:
        (Path(bare_dir) / "bare.py").write_text(BARE_PAGE)
        browser = launch_chromium(playwright)
        for _ in range(runs):
            seconds, _, process, page = time_to_first_render(browser, "bare.py", Path(bare_dir), "bare page ready")
            bare_times.append(seconds)
            page.close()
            stop_app(process)

            seconds, port, process, page = time_to_first_render(browser, "app.py", ROOT, "Autoencoder Explorer")
            app_times.append(seconds)
            page.goto(f"http://127.0.0.1:{port}/bottleneck")
            page.get_by_text("Eight test digits").wait_for(timeout=60_000)
            wait_for_app(page)
            server_rss.append(resident_mb(process.pid))
            page.close()
            stop_app(process)
        browser.close()

    bare_rss = []
    for _ in range(runs):
        line = subprocess.run([sys.executable, "-c", BARE_IMPORT_RSS], capture_output=True, text=True, check=True)
        bare_rss.append(int(line.stdout.split()[1]) / 1024)
    return {
        "cold_start_s": {
            "app_median": median(app_times),
            "bare_streamlit_torch_median": median(bare_times),
            "difference_median": median([a - b for a, b in zip(app_times, bare_times, strict=True)]),
            "target_difference_at_most": 1.5,
            "app_runs": [round(t, 3) for t in app_times],
            "bare_runs": [round(t, 3) for t in bare_times],
        },
        "memory_mb": {
            "server_after_home_and_bottleneck_median": median(server_rss),
            "bare_import_torch_median": median(bare_rss),
            "difference_median": round(median(server_rss) - median(bare_rss), 1),
            "target_difference_at_most": 250,
        },
    }


