"""The Shapes page: server time of its first open, of each control (β, the walk's shape), and of one live epoch."""

from __future__ import annotations

import time

from explorer.checkpoints.store import PretrainedStore
from explorer.topics.shapes.shipped import shipped_runs
from scripts.benchmarks.page_timing import change_times, open_page, open_times
from scripts.benchmarks.stats import median

PAGE = "app_pages/shapes.py"
OPEN_TARGET_MS = 1000  # as the other pages: opens in at most 1 s of server time
CONTROL_TARGET_MS = 150  # and answers a control in at most 150 ms


def run(runs: int) -> dict:
    opened = open_times(PAGE, runs) | {"target_at_most": OPEN_TARGET_MS}
    app, _ = open_page(PAGE)
    betas = [run.beta for run in shipped_runs(PretrainedStore())]
    controls = {
        "beta_change_server_ms": ("segmented_control", "shapes_beta", betas),
        "start_change_server_ms": ("selectbox", "shapes_start", ["ellipse", "heart", "triangle", "square"]),
    }
    results = {"open_server_ms": opened}
    for name, (kind, key, values) in controls.items():
        timed = change_times(app, lambda app, value, kind=kind, key=key: getattr(app, kind)(key=key).set_value(value),
                             values, runs)
        results[name] = timed | {"target_at_most": CONTROL_TARGET_MS}
    app.slider(key="shapes_live_epochs").set_value(3).run()
    trained = []
    for _ in range(runs):
        started = time.perf_counter()
        app.button(key="shapes_train").click().run()
        run = app.session_state["shapes_run"]
        first_epoch = run.shown[0][1] - started if run.shown else float("nan")
        trained.append((1000 * first_epoch, run.last.images_per_second))
    results["live_first_epoch_on_screen_ms"] = {"median": median([first for first, _ in trained]),
                                                "max": round(max(first for first, _ in trained), 1)}
    results["live_images_per_second"] = {"median": median([speed for _, speed in trained])}
    return results
