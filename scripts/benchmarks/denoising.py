"""The Denoising page: server time of its first open and of a noise-level change."""

from __future__ import annotations

from scripts.benchmarks.page_timing import change_times, open_page, open_times

PAGE = "app_pages/denoising.py"


def run(runs: int) -> dict:
    opened = open_times(PAGE, runs)
    app, _ = open_page(PAGE)
    levels = list(app.select_slider(key="denoising_level").options)
    level_change = change_times(app, lambda app, level: app.select_slider(key="denoising_level").set_value(level),
                                [float(level) for level in levels], runs)
    return {"open_server_ms": opened, "level_change_server_ms": level_change}
