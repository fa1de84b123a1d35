"""AppTest helpers: the real app.py, run in-process, one page at a time."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from scripts.app_process import ROOT


@pytest.fixture
def open_page():
    """open_page("app_pages/x.py") -> an AppTest that has run app.py and then that page."""

    def opener(page: str | None = None) -> AppTest:
        st.cache_resource.clear()  # each test sees the pretrained/ folder it points at
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        app.run()
        if page is not None:
            app.switch_page(page).run()
        assert not app.exception, app.exception
        return app

    return opener


def image_urls(app: AppTest) -> list[str]:
    return [url for image in app.get("image") for url in image.value]
