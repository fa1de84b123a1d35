"""The server's memory janitor (explorer/core/freed_memory.py): one per server, in a thread of its own, and a mark in
each session's state, so that what a session held is freed and handed back to the system once it has ended."""

from __future__ import annotations

import threading

import streamlit as st

from explorer.core.freed_memory import MemoryJanitor

# Seconds between sweeps while sessions are open: after the last session has closed, its memory is back within
# this. A sweep is a garbage collection of what the frozen start-up objects leave (Streamlit runs one after every
# script run already) and, only when a session has ended, a malloc_trim (tens of ms for a 1-2 GB server).
SWEEP_EVERY_S = 15.0
MARK_KEY = "_memory_janitor_mark"


@st.cache_resource(show_spinner=False)
def memory_janitor() -> MemoryJanitor:
    janitor = MemoryJanitor()
    threading.Thread(target=janitor.run_forever, args=(SWEEP_EVERY_S,), name="memory janitor", daemon=True).start()
    return janitor


def mark_session() -> None:
    """Once per session: its state holds a mark that tells the janitor when the session has ended."""
    if MARK_KEY not in st.session_state:
        st.session_state[MARK_KEY] = memory_janitor().new_session()
