"""Each session holds one mark of the server's memory janitor (explorer/ui/server/memory.py), held by nothing but
the session's state: once the session is gone, the janitor counts it ended and its sweeps stop until the next session.
Checked by counts, not by timing or by the process's memory."""

from __future__ import annotations

import gc

from streamlit.testing.v1 import AppTest

from explorer.core.freed_memory import MemoryJanitor, SessionMark
from explorer.ui.server import memory


def marked_page():
    import streamlit as st

    from explorer.ui.server.memory import mark_session

    mark_session()
    st.write("a page")


def test_a_session_holds_one_mark_across_its_runs_and_ends_with_it(monkeypatch):
    janitor = MemoryJanitor(give_back=lambda: None)  # the server's own sweeps in a thread: this one sweeps when told
    monkeypatch.setattr(memory, "memory_janitor", lambda: janitor)
    session = AppTest.from_function(marked_page)
    session.run()
    session.run()  # a rerun keeps the same mark
    assert isinstance(session.session_state[memory.MARK_KEY], SessionMark)
    assert janitor.alive() == 1
    del session
    gc.collect()
    assert janitor.alive() == 0
    assert janitor.sweep() == 0
    assert not janitor.sessions_open.is_set()  # no more sweeps until the next session
