"""Every view is a link: each page reads its settings from the URL, writes them back, and opens at its
defaults, with a notice naming what it ignored, when a hand-edited URL holds nonsense."""

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from explorer.ui.view_link import LINK_TITLE
from scripts.app_process import ROOT
from tests.app.conftest import image_urls


def open_with(page: str, query: dict[str, str]) -> AppTest:
    """A fresh session that opens `page` with `query` in its URL, as a pasted link does."""
    st.cache_resource.clear()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    app.query_params.update(query)
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def notice(app: AppTest) -> str:
    return " ".join(toast.value for toast in app.toast)


def link_shown(app: AppTest) -> str:
    return app.get("code")[-1].value


def test_bottleneck_round_trip_gives_the_same_pictures():
    app = open_with("app_pages/bottleneck.py", {"k": "8", "mode": "random", "seed": "7"})
    assert app.segmented_control(key="bottleneck_k").value == 8
    assert app.number_input(key="bottleneck_seed").value == 7
    assert not notice(app)
    assert app.query_params["k"] == ["8"] or app.query_params["k"] == "8"
    link = link_shown(app)
    assert link.startswith("/bottleneck?") and "k=8" in link and "seed=7" in link and "digit" not in link
    again = open_with("app_pages/bottleneck.py", dict(pair.split("=") for pair in link.split("?")[1].split("&")))
    assert image_urls(again) == image_urls(app)


def test_bottleneck_bad_values_open_at_defaults_with_a_notice():
    app = open_with("app_pages/bottleneck.py", {"k": "999", "seed": "abc", "colour": "red"})
    assert app.segmented_control(key="bottleneck_k").value == 16
    assert "k=999" in notice(app) and "seed=abc" in notice(app) and "colour=red" in notice(app)
    assert "colour" not in app.query_params
