"""Benchmarks of the app as a student meets it; prints JSON of medians over several runs.

    python scripts/bench.py [--runs 5]

- cold start: process start to the home page rendered in headless Chromium, beside the same
  figure for a bare Streamlit page that only imports torch and writes a line (same run);
- k change: server time of the Bottleneck page's script run after moving k (AppTest, warm caches);
- memory: the server's resident memory after opening the home and Bottleneck pages, beside a
  bare `python -c 'import torch'`.

Timings are measurements, not assertions: the machine is shared and noisy, so quote medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.app_process import (  # noqa: E402
    ROOT,
    free_port,
    launch_chromium,
    resident_mb,
    start_app,
    stop_app,
    wait_for_app,
    wait_until_healthy,
)

BARE_PAGE = 'import streamlit as st\nimport torch\n\nst.write("bare page ready")\n'
BARE_IMPORT_RSS = (
    "import torch, pathlib; "
    "print(next(l for l in pathlib.Path('/proc/self/status').read_text().splitlines() if l.startswith('VmRSS')))"
)


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def time_to_first_render(browser, script: str, cwd: Path, ready_text: str):
    """(seconds from process start to `ready_text` on screen, port, live process, open page)."""
    port = free_port()
    started = time.perf_counter()
    process = start_app(port, script, cwd)
    wait_until_healthy(port, process)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"http://127.0.0.1:{port}/")
    page.get_by_text(ready_text).first.wait_for(timeout=120_000)
    wait_for_app(page)
    return time.perf_counter() - started, port, process, page


def bench_cold_start_and_memory(runs: int) -> dict:
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
            "difference_median": median(server_rss) - median(bare_rss),
            "target_difference_at_most": 250,
        },
    }


def bench_k_change(rounds: int) -> dict:
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.run()
    app.switch_page("pages/bottleneck.py").run()
    ks = app.select_slider(key="bottleneck_k").options
    for k in ks:  # warm every model once: the first visit to a k loads its weights
        app.select_slider(key="bottleneck_k").set_value(k).run()
    times = []
    for i in range(rounds * len(ks)):
        k = ks[i % len(ks)]
        widget = app.select_slider(key="bottleneck_k").set_value(k)
        started = time.perf_counter()
        widget.run()
        times.append(time.perf_counter() - started)
        assert not app.exception, app.exception
    return {"k_change_server_ms": {"median": median([t * 1000 for t in times]),
                                   "max": round(max(times) * 1000, 1), "changes": len(times),
                                   "target_at_most": 300}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="cold starts of each kind (default 5)")
    args = parser.parse_args(argv)
    results = {"runs": args.runs} | bench_k_change(rounds=3) | bench_cold_start_and_memory(args.runs)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
