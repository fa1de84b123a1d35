"""The VQ-VAE page: server time of its first open (every shared cache emptied) and of a cell edit.

In the browser a cell edit reruns only the page's editor (an st.fragment), so that is what the edit is timed
by: the fragment's own run, measured by wrapping st.fragment in this process. The whole script run that
AppTest makes of the same edit (the "Go deeper" part too) is reported beside it, as an upper bound.
"""

from __future__ import annotations

import functools
import time

from scripts.benchmarks.page_timing import change_times, open_page, open_times
from scripts.benchmarks.stats import median

PAGE = "app_pages/vqvae.py"
OPEN_TARGET_MS = 1000
EDIT_TARGET_MS = 100


class FragmentTimer:
    """Wraps st.fragment: every run of a fragment's body is timed into `seconds`."""

    def __init__(self):
        self.seconds: list[float] = []

    def __enter__(self):
        import streamlit as st

        self._fragment = original = st.fragment

        def timed_fragment(body=None, **kwargs):
            if body is None:
                return lambda actual: timed_fragment(actual, **kwargs)

            @functools.wraps(body)
            def timed(*args, **inner):
                started = time.perf_counter()
                try:
                    return body(*args, **inner)
                finally:
                    self.seconds.append(time.perf_counter() - started)

            return original(timed, **kwargs)

        st.fragment = timed_fragment
        return self

    def __exit__(self, *exc):
        import streamlit as st

        st.fragment = self._fragment


def run(runs: int) -> dict:
    opened = open_times(PAGE, runs) | {"target_at_most": OPEN_TARGET_MS}
    codes = [0, 17, 33, 63, 5]  # any code index, a dead one too where the build has one
    with FragmentTimer() as timer:
        app, _ = open_page(PAGE)
        whole = change_times(app, lambda app, code: app.number_input(key="vq_cell_code").set_value(code), codes, runs)
    edits = timer.seconds[-whole["changes"]:]  # one editor run per timed edit, after the warm-up pass
    return {
        "open_server_ms": opened,
        "cell_edit_server_ms": {"median": median([t * 1000 for t in edits]), "max": round(max(edits) * 1000, 1),
                                "changes": len(edits), "target_at_most": EDIT_TARGET_MS,
                                "what": "the editor fragment's run, which is all a browser edit reruns"},
        "cell_edit_whole_script_ms": whole | {"target_at_most": None,
                                              "what": "AppTest's rerun of the whole page: an upper bound"},
    }
