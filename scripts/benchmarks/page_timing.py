"""Server time of opening a page and of moving one of its widgets, measured through AppTest."""

from __future__ import annotations

import time
from collections.abc import Callable

from scripts.app_process import APP_SCRIPT
from scripts.benchmarks.stats import median


def open_page(page: str):
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(APP_SCRIPT), default_timeout=120)
    app.run()
    started = time.perf_counter()
    app.switch_page(page).run()
    seconds = time.perf_counter() - started
    if app.exception:
        raise RuntimeError(f"{page} failed: {app.exception}")
    return app, seconds


def open_times(page: str, runs: int) -> dict:
    """Each run a fresh session with every shared cache emptied: the first visit after a start."""
    import streamlit as st

    times = []
    for _ in range(runs):
        st.cache_resource.clear()
        times.append(open_page(page)[1])
    return {"median": median([t * 1000 for t in times]), "max": round(max(times) * 1000, 1), "opens": len(times),
            "target_at_most": 1500}


def change_times(app, set_value: Callable[[object, object], object], values: list, runs: int) -> dict:
    """Server time of set_value(app, value).run() cycling through `values`, after one warm-up pass."""
    for value in values:
        set_value(app, value).run()
    times = []
    for i in range(runs * len(values)):
        widget = set_value(app, values[i % len(values)])
        started = time.perf_counter()
        widget.run()
        times.append(time.perf_counter() - started)
        if app.exception:
            raise RuntimeError(f"the page failed: {app.exception}")
    return {"median": median([t * 1000 for t in times]), "max": round(max(times) * 1000, 1), "changes": len(times),
            "target_at_most": 300}
