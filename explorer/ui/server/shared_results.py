"""A slow computation run once per server for each setting, with progress while it runs: the Diffusion page's
samples, of which the default ones are shipped with the app."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import streamlit as st

from explorer.core.shared_results import SharedResults

KEPT_RESULTS = 24  # a few hundred kB to a few MB each: a class trying seeds stays far below the memory budget
PROGRESS_EVERY = 10  # steps between progress updates; each is also a chance for a widget move to interrupt


@st.cache_resource
def shared_results() -> SharedResults:
    return SharedResults(KEPT_RESULTS)


def shared_run(key: str, params: Hashable, label: str, run: Callable[[Callable[[int, int], None]], Any], *,
               shipped: Any | None = None) -> Any:
    """The result of run(on_step) for these params: this server's copy when there is one, else `shipped` (the
    result made when the app was built, if any), else run now with a progress bar and keep it. `key` names the
    computation, `params` its settings."""
    result = shared_results().get((key, params))
    if result is None:
        result = shipped
    if result is None:
        bar = st.progress(0.0, text=label)

        def on_step(done: int, total: int) -> None:
            if done % PROGRESS_EVERY == 0 or done == total:
                bar.progress(done / total, text=f"{label}: step {done} of {total}")

        result = run(on_step)
        bar.empty()
        shared_results().put((key, params), result)
    return result
