"""The Bottleneck page: server time of a k change, with every model already loaded."""

from __future__ import annotations

import time

from scripts.app_process import APP_SCRIPT
from scripts.benchmarks.stats import median


def run(runs: int) -> dict:
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(APP_SCRIPT), default_timeout=120)
    app.run()
    app.switch_page("app_pages/bottleneck.py").run()
    ks = app.segmented_control(key="bottleneck_k").options
    for k in ks:  # warm every model once: the first visit to a k loads its weights
        app.segmented_control(key="bottleneck_k").set_value(k).run()
    times = []
    for i in range(runs * len(ks)):
        k = ks[i % len(ks)]
        widget = app.segmented_control(key="bottleneck_k").set_value(k)
        started = time.perf_counter()
        widget.run()
        times.append(time.perf_counter() - started)
        if app.exception:
            raise RuntimeError(f"the Bottleneck page failed: {app.exception}")
    return {"k_change_server_ms": {"median": median([t * 1000 for t in times]),
                                   "max": round(max(times) * 1000, 1), "changes": len(times),
                                   "target_at_most": 300}}
