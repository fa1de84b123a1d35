"""Lesson-wide settings kept in session state, so that they outlive a page switch (README, "Lesson links").

The sidebar drops a page's query string, so app.py calls `read_lesson_query` on every run: a `presenter` or
`class` value the URL carries and that was not there before is read once into session state, and
view_link.py writes them back into every page's URL. `lock` belongs to the page a link opens: ViewLink reads
it, and this module keeps each page's locked values for the session, so a locked page comes back locked."""

from __future__ import annotations

from typing import Any

import streamlit as st

from explorer.core.lesson_link import CLASS, LOCK, PRESENTER, PRESENTER_PARAM, format_lock, parse_class
from explorer.core.view_link import RefusedValue, format_value, named, parse_value

PRESENTER_KEY = PRESENTER_PARAM.key  # the sidebar switch's value
CLASS_KEY = "lesson_class"  # the class tally id: prediction cards read it (a contract, keep the name)
LOCKS_KEY = "lesson_locks"  # {page path: {URL name: (widget key, locked value)}}
SEEN_KEY = "lesson_seen"  # {URL name: raw value} last read from or written to the URL
REFUSED_KEY = "lesson_refused"  # ["name=value", ...] refused before the page ran, for its notice
PRESENTER_LABEL = "🎦 Presenter mode"


def read_lesson_query() -> None:
    """Read `presenter` and `class` from the URL into session state when they are new to this session."""
    seen = st.session_state.setdefault(SEEN_KEY, {})
    for name in (PRESENTER, CLASS):
        if name not in st.query_params or st.query_params[name] == seen.get(name):
            continue  # absent (a sidebar switch) or already read: the session's value stands
        raw = seen[name] = st.query_params[name]
        try:
            if name == PRESENTER:
                st.session_state[PRESENTER_KEY] = parse_value(PRESENTER_PARAM, raw)
            else:
                st.session_state[CLASS_KEY] = parse_class(raw)
        except RefusedValue:
            st.session_state.setdefault(REFUSED_KEY, []).append(named(name, raw))


def presenter_switch() -> None:
    st.sidebar.toggle(PRESENTER_LABEL, key=PRESENTER_KEY,
                      help="Large type, thick lines and big digits for a projector; the details folded away; "
                           "keys for the main actions. Kept in the page's link.")


def presenting() -> bool:
    return bool(st.session_state.get(PRESENTER_KEY, False))


def refused_before_page() -> list[str]:
    """What read_lesson_query refused, once: the page's notice names it."""
    return st.session_state.pop(REFUSED_KEY, [])


def page_locks(page: str) -> dict[str, tuple[str, Any]]:
    return st.session_state.get(LOCKS_KEY, {}).get(page, {})


def remember_locks(page: str, locks: dict[str, tuple[str, Any]]) -> None:
    st.session_state.setdefault(LOCKS_KEY, {})[page] = locks


def lesson_query(page: str) -> dict[str, str]:
    """The lesson-wide part of `page`'s URL, from session state; remembered as seen, so it is not read again."""
    query = {}
    if presenting():
        query[PRESENTER] = format_value(True)
    if page_locks(page):
        query[LOCK] = format_lock(page_locks(page))
    if st.session_state.get(CLASS_KEY):
        query[CLASS] = st.session_state[CLASS_KEY]
    st.session_state[SEEN_KEY] = {name: query.get(name) for name in (PRESENTER, CLASS)}
    return query
