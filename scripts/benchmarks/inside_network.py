"""The Inside the network page: server time of its first open (every shared cache emptied) and of each control."""

from __future__ import annotations

from scripts.benchmarks.page_timing import change_times, open_page, open_times

PAGE = "app_pages/inside_network.py"
OPEN_TARGET_MS = 1000
CONTROL_TARGET_MS = 150


def run(runs: int) -> dict:
    results = {"open_server_ms": open_times(PAGE, runs) | {"target_at_most": OPEN_TARGET_MS}}
    app, _ = open_page(PAGE)
    controls = {
        "digit": (lambda app, value: app.selectbox(key="inside_digit").set_value(value), [3, 8]),
        "example": (lambda app, value: app.number_input(key="inside_example").set_value(value), [2, 9]),
        "shift": (lambda app, value: app.select_slider(key="inside_shift").set_value(value), [4, 1]),
        "maps_shown": (lambda app, value: app.selectbox(key="inside_channels").set_value(value),
                       ["numbered", "active"]),
    }
    for name, (set_value, values) in controls.items():
        results[f"{name}_server_ms"] = change_times(app, set_value, values, runs) | {
            "target_at_most": CONTROL_TARGET_MS}
    app.selectbox(key="inside_channels").set_value("numbered").run()
    results["from_channel_server_ms"] = change_times(
        app, lambda app, value: app.number_input(key="inside_first").set_value(value), [5, 40], runs) | {
        "target_at_most": CONTROL_TARGET_MS}
    return results
