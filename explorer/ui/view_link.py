"""Every view is a link: a page's settings live in its URL's query string (README, "Links to a view").

A page makes one `ViewLink`, calls `restore` with its parameters before the widgets they set (several calls
are fine when one setting's range depends on another), and `finish` after them. On the first run of a page
visit the URL's valid values become the widgets' starting values; a refused value or an unknown name is
ignored, named in a short notice, and the widget keeps its default. `finish` writes the current settings back
to the URL and shows "🔗 Link to this view" with the URL to copy."""

from __future__ import annotations

import streamlit as st

from explorer.core.view_params import ViewParam, format_value, read_params, unknown_names, view_path

LAST_PAGE = "view_link_last_page"  # session state: the page of the previous run, so a new visit reads the URL
LINK_TITLE = "🔗 Link to this view"


class ViewLink:
    def __init__(self, page: str) -> None:
        self.page = page
        self.params: list[ViewParam] = []
        self.ignored: list[str] = []
        self.query = {name: st.query_params[name] for name in st.query_params}
        self.new_visit = st.session_state.get(LAST_PAGE) != page
        st.session_state[LAST_PAGE] = page

    def restore(self, *params: ViewParam) -> None:
        """Set these widgets' starting values from the URL, on the first run of a visit only: after that the
        widgets own their values."""
        self.params.extend(params)
        if not self.new_visit:
            return
        settings, ignored = read_params(params, self.query)
        for key, value in settings.items():
            st.session_state[key] = value
        self.ignored += ignored

    def settings(self, hidden: tuple[str, ...] = ()) -> dict[str, str]:
        """{URL name: text} of every setting whose widget ran this time (`hidden`: the names of those that did
        not, such as a seed while the mode has none)."""
        return {param.name: format_value(st.session_state[param.key])
                for param in self.params if st.session_state.get(param.key) is not None and param.name not in hidden}

    def finish(self, *hidden: str) -> None:
        """Name what was ignored, write the settings to the URL, and show the link."""
        if self.new_visit:
            self.ignored += unknown_names(self.params, self.query)
            if self.ignored:
                st.toast(f"Ignored in the link, so the defaults are used: {', '.join(self.ignored)}", icon="🔗")
        settings = self.settings(hidden)
        if settings != {name: st.query_params[name] for name in st.query_params}:
            st.query_params.from_dict(settings)
        show_link(view_path(self.page, settings))


def show_link(path: str) -> None:
    base = st.context.url
    address = f"{base.rsplit('/', 1)[0]}{path}" if base else path
    with st.popover(LINK_TITLE):
        st.caption("Copy this address: it opens this page with these settings, the same seed giving the same "
                   "pictures.")
        st.code(address, language=None)
