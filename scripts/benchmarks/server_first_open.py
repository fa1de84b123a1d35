"""The server's part of each page's first open, in one Python process per open: torch imported and Home's and
Bottleneck's caches filled (what the start-up work does before the server answers), then an AppTest session opens
the page (every cache it needs empty: its first open on this server) and a second session opens it again. Reports
the seconds of each and the resident memory the first open added. No browser: what a page computes on its first
open, apart from what the browser draws (`first_open` times both).

    python -m scripts.benchmarks.server_first_open app_pages/shapes.py   # one open, as JSON
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from scripts.app_process import APP_SCRIPT, ROOT
from scripts.benchmarks.stats import median


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


def open_once(page: str) -> dict:
    """In this process: the start-up work, then the page's first open and a second session's."""
    from streamlit.testing.v1 import AppTest

    from app import START_UP_PAGES
    from explorer.ui.server.warm_up import fill_pages, page_filler

    fill_pages(START_UP_PAGES, page_filler)
    first = AppTest.from_file(str(APP_SCRIPT), default_timeout=300)
    first.run()  # the app's own script and the home page, as a visitor's browser asks for them first
    before = resident_mb()
    started = time.perf_counter()
    first.switch_page(page).run()
    first_s = time.perf_counter() - started
    if first.exception:
        raise RuntimeError(f"{page}: {first.exception}")
    added = resident_mb() - before
    second = AppTest.from_file(str(APP_SCRIPT), default_timeout=300)
    second.run()
    started = time.perf_counter()
    second.switch_page(page).run()
    return {"first_s": first_s, "second_s": time.perf_counter() - started, "added_mb": added}


def run(runs: int) -> dict:
    from explorer.ui.shared.navigation import PAGES

    results = {}
    for page in (spec.path for spec in PAGES):
        opens = [json.loads(subprocess.run([sys.executable, "-m", "scripts.benchmarks.server_first_open", page],
                                           cwd=ROOT, check=True, capture_output=True, text=True
                                           ).stdout.strip().splitlines()[-1]) for _ in range(runs)]
        results[page] = {"first_open_s": median([o["first_s"] for o in opens]),
                         "second_session_s": median([o["second_s"] for o in opens]),
                         "memory_added_mb": median([o["added_mb"] for o in opens]),
                         "first_opens_s": [round(o["first_s"], 2) for o in opens]}
    return results


if __name__ == "__main__":
    print(json.dumps(open_once(sys.argv[1])))
