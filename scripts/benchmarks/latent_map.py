"""The Latent map page: server time of opening it with the shipped files, of a click, and of a new walk."""

from __future__ import annotations

import sys
import time

from scripts.app_process import APP_SCRIPT
from scripts.benchmarks.stats import median

PAGE = "app_pages/latent_map.py"


def timed_run(app) -> float:
    started = time.perf_counter()
    app.run()
    seconds = time.perf_counter() - started
    if app.exception:
        raise RuntimeError(f"the Latent map page failed: {app.exception}")
    return seconds


def run(runs: int) -> dict:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from explorer.topics.latent_map.logic import Selection

    open_times = []
    for _ in range(runs):
        st.cache_resource.clear()  # every open reads the shipped files afresh, as a new server would
        app = AppTest.from_file(str(APP_SCRIPT), default_timeout=120)
        app.run()
        app.switch_page(PAGE)
        open_times.append(timed_run(app))
    heavy_imports = sorted(name for name in ("umap", "sklearn.manifold") if name in sys.modules)

    # The three kinds of click, each on both k, all files already read once.
    clicks = [Selection("image", 1234), Selection("random", 7, "ae"), Selection("spot", 0, "vae")]
    click_times = []
    for k in ("16", "2"):
        app.radio(key="latent_k").set_value(k).run()
        for _ in range(runs):
            for selection in clicks:
                app.session_state["latent_selection"] = selection
                click_times.append(timed_run(app))
    # A click on a new dot moves the walk's end B there: both models decode the new walk and the
    # classifier scores it (cached once seen), beside the click's own decodes.
    walk_times = []
    for b in range(100, 100 + 2 * runs):
        app.session_state["latent_selection"] = Selection("image", b)
        walk_times.append(timed_run(app))
    return {
        "page_open_server_s": {"median": median(open_times), "max": round(max(open_times), 3),
                               "runs": len(open_times), "target_at_most": 1.5},
        "umap_or_tsne_imported_on_open": heavy_imports,
        "click_server_ms": {"median": median([t * 1000 for t in click_times]),
                            "max": round(max(click_times) * 1000, 1), "clicks": len(click_times),
                            "target_at_most": 300},
        "new_walk_server_ms": {"median": median([t * 1000 for t in walk_times]),
                               "max": round(max(walk_times) * 1000, 1), "walks": len(walk_times),
                               "target_at_most": 300},
    }
