"""The Anomaly page: server time of its first open, of a threshold move and of another unseen digit."""

from __future__ import annotations

from scripts.benchmarks.page_timing import change_times, open_page, open_times

PAGE = "app_pages/anomaly.py"


def run(runs: int) -> dict:
    opened = open_times(PAGE, runs)
    app, _ = open_page(PAGE)
    digit = app.selectbox(key="anomaly_digit").value
    slider = app.slider(key=f"anomaly_threshold_{digit}")
    thresholds = [slider.max * fraction for fraction in (0.1, 0.3, 0.5, 0.7, 0.9)]
    threshold_change = change_times(
        app, lambda app, value: app.slider(key=f"anomaly_threshold_{digit}").set_value(value), thresholds, runs)
    digits = [int(option) for option in app.selectbox(key="anomaly_digit").options]
    digit_change = change_times(app, lambda app, value: app.selectbox(key="anomaly_digit").set_value(value),
                                digits, runs)
    return {"open_server_ms": opened, "threshold_change_server_ms": threshold_change,
            "digit_change_server_ms": digit_change}
