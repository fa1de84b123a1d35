"""Every view is a link: a page's settings live in its URL's query string (README, "Links to a view").

A page makes one `ViewLink`, calls `restore` with its parameters before the widgets they set (several calls
are fine when one setting's range depends on another), draws each of those widgets through `control` (or
passes `disabled=view.locked(key)`), and calls `finish` after them. On the first run of a page visit the URL's
valid values become the widgets' starting values; a refused value or an unknown name is ignored, named in a
short notice, and the widget keeps its default. A lesson link's `lock` fixes some of them (README, "Lesson
links"). `finish` writes the current settings and the lesson-wide ones back to the URL and shows the links."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from explorer.core.lesson_link import LESSON_NAMES, LOCK, parse_lock, split_lock
from explorer.core.view_link import ViewParam, format_value, named, read_params, unknown_names, view_path
from explorer.ui.shared.lesson_link import lesson_query, page_locks, refused_before_page, remember_locks
from explorer.ui.shared.lesson_link_panel import full_address, lesson_link_panel

LAST_PAGE = "view_link_last_page"  # session state: the page of the previous run, so a new visit reads the URL
LINK_TITLE = "🔗 Link to this view"
LOCK_MARK = "🔒"
LOCK_HELP = f"{LOCK_MARK} Fixed by the lesson link that opened this page: it stays at this value here."


class ViewLink:
    def __init__(self, page: str) -> None:
        self.page = page
        self.params: list[ViewParam] = []
        self.ignored: list[str] = []
        self.query = {name: st.query_params[name] for name in st.query_params}
        self.new_visit = st.session_state.get(LAST_PAGE) != page
        st.session_state[LAST_PAGE] = page
        # A link's `lock` replaces the page's locks; without one, the page keeps those of this session.
        self.asked_to_lock = parse_lock(self.query[LOCK]) if self.new_visit and LOCK in self.query else None
        self.locks = {} if self.asked_to_lock is not None else dict(page_locks(page))
        self.drawn: set[str] = set()  # the keys of the lockable controls drawn this run

    def restore(self, *params: ViewParam) -> None:
        """Set these widgets' starting values from the URL, on the first run of a visit only: after that the
        widgets own their values. A locked setting takes its locked value on every visit."""
        self.params.extend(params)
        if not self.new_visit:
            return
        settings, ignored = read_params(params, self.query)
        for param in params:
            if param.name in (self.asked_to_lock or ()):
                if param.key in settings or param.name not in self.query:  # a refused value is not locked
                    self.locks[param.name] = (param.key, settings.get(param.key))
                else:
                    ignored.append(named(LOCK, param.name))
            elif param.name in self.locks:
                settings[param.key] = self.locks[param.name][1]
        for key, value in settings.items():
            if value is not None:
                st.session_state[key] = value
        self.ignored += ignored

    def locked(self, key: str) -> bool:
        """Whether a lesson link fixed the setting of widget `key`: pass it as the widget's `disabled`."""
        self.drawn.add(key)
        return any(locked_key == key for locked_key, _ in self.locks.values())

    def control(self, widget: Callable[..., Any], label: str, *args: Any, key: str, help: str | None = None,
                disabled: bool = False, **kwargs: Any) -> Any:
        """`widget(label, *args, key=key, ...)`, drawn fixed, its label marked and its help saying why, when
        a lesson link locked it."""
        if self.locked(key):
            label, help, disabled = f"{LOCK_MARK} {label}", f"{LOCK_HELP}\n\n{help or ''}", True
        if "value" in kwargs and st.session_state.get(key) is not None:
            # The browser draws a box from its default before it takes the value the run set: with many tabs
            # opening at once, a box stayed on its default while the page showed the link's setting.
            kwargs["value"] = st.session_state[key]
        return widget(label, *args, key=key, help=help, disabled=disabled, **kwargs)

    def settings(self, hidden: tuple[str, ...] = ()) -> dict[str, str]:
        """{URL name: text} of every setting whose widget ran this time (`hidden`: the names of those that did
        not, such as a seed while the mode has none)."""
        return {param.name: format_value(st.session_state[param.key])
                for param in self.params if st.session_state.get(param.key) is not None and param.name not in hidden}

    def finish(self, *hidden: str) -> None:
        """Name what was ignored, keep the locks, write the settings to the URL, and show the links."""
        cannot_lock = self.keep_locks()
        if self.new_visit:
            lesson_wide = [ViewParam(name, name) for name in LESSON_NAMES]  # known to every page
            self.ignored += unknown_names([*self.params, *lesson_wide], self.query)
            if self.asked_to_lock is not None:
                _, unknown = split_lock(self.asked_to_lock, [param.name for param in self.params])
                self.ignored += [named(LOCK, name) for name in unknown + cannot_lock]
            self.ignored += refused_before_page()
            if self.ignored:
                st.toast(f"Ignored in the link, so the defaults are used: {', '.join(self.ignored)}", icon="🔗")
        settings = self.settings(hidden)
        address = {**settings, **lesson_query(self.page)}
        if address != {name: st.query_params[name] for name in st.query_params}:
            st.query_params.from_dict(address)
        with st.container(horizontal=True):
            lesson_link_panel(self.page, settings, set(self.locks))
            show_link(view_path(self.page, address))

    def keep_locks(self) -> list[str]:
        """Keep for the session the locked value of every locked control; return the names of those that no
        control drew on a visit's first run (a walk's end set by clicks, say), which cannot be fixed."""
        kept = {name: (key, st.session_state.get(key, value)) for name, (key, value) in self.locks.items()
                if key in self.drawn or not self.new_visit}
        dropped = [name for name in self.locks if name not in kept]
        self.locks = kept
        remember_locks(self.page, kept)
        return dropped


def show_link(path: str) -> None:
    with st.popover(LINK_TITLE):
        st.caption("Copy this address: it opens this page with these settings, the same seed giving the same "
                   "pictures.")
        st.code(full_address(path), language=None)
