"""The "make a lesson link" panel beside each page's link: a teacher ticks the settings to fix, presenter
mode and a fresh class tally, and copies the address. It opens on the page where it was made (from Home,
on the page the teacher picks)."""

from __future__ import annotations

import streamlit as st

from explorer.core.lesson_link import CLASS, LOCK, PRESENTER, format_lock, new_class_id
from explorer.core.view_link import format_value, view_path
from explorer.ui.shared.lesson_link import presenting
from explorer.ui.shared.navigation import HOME, PAGES

PANEL_TITLE = "🎓 Make a lesson link"
TALLY_LABEL = "Count the class's answers (a fresh tally)"


def lesson_link_panel(page: str, settings: dict[str, str], locked: set[str]) -> None:
    """The panel for `page` at these settings ({URL name: text}); `locked`: those a lesson link fixes now."""
    stem = page.rsplit("/", 1)[-1].removesuffix(".py")
    with st.popover(PANEL_TITLE):
        if page == HOME.path:
            page = st.selectbox("Opens on", [spec.path for spec in (HOME, *PAGES)], key="lesson_panel_page",
                                format_func={spec.path: spec.title for spec in (HOME, *PAGES)}.get,
                                help="Each page has this panel too, where it can also fix that page's settings.")
        query = dict(settings)
        if settings:
            fixed = st.pills("Fix these settings (🔒: the student cannot change them)", list(settings),
                             selection_mode="multi", default=[name for name in settings if name in locked],
                             format_func=lambda name: f"{name} = {settings[name]}",
                             key=f"lesson_panel_lock_{stem}_{'_'.join(settings)}")
            if fixed:
                query[LOCK] = format_lock(fixed)
        if st.toggle("Presenter mode: large type, the details folded", value=presenting(),
                     key=f"lesson_panel_presenter_{stem}"):
            query[PRESENTER] = format_value(True)
        if st.checkbox(TALLY_LABEL, key=f"lesson_panel_tally_{stem}", on_change=fresh_tally, args=(stem,)):
            query[CLASS] = st.session_state[f"lesson_panel_class_{stem}"]
        st.caption("Copy this address for the class: it opens on this page with these settings.")
        st.code(full_address(view_path(page, query)), language=None)


def fresh_tally(stem: str) -> None:
    """Each tick of the tally box draws a new class id: a new lesson, a new count."""
    st.session_state[f"lesson_panel_class_{stem}"] = new_class_id()


def full_address(path: str) -> str:
    base = st.context.url
    return f"{base.rsplit('/', 1)[0]}{path}" if base else path
