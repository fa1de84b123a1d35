"""AppTest helpers: the real app script (app_navigation.py), run in-process, one page at a time."""

from __future__ import annotations

import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from scripts.app_process import APP_SCRIPT


@pytest.fixture
def open_page():
    """open_page("app_pages/x.py") -> an AppTest that has run the app script and then that page."""

    def opener(page: str | None = None) -> AppTest:
        st.cache_resource.clear()  # each test sees the pretrained/ folder it points at
        # A generous limit: the first run imports torch, slow on a 2-core machine shared with other work.
        app = AppTest.from_file(str(APP_SCRIPT), default_timeout=180)
        app.run()
        if page is not None:
            app.switch_page(page).run()
        assert not app.exception, app.exception
        return app

    return opener


def open_card(app: AppTest) -> AppTest:
    """Open the page's "Predict first" card, as a click on its button does: its content runs only while open."""
    from explorer.ui.shared.prediction_card import OPEN_KEY

    app.session_state[OPEN_KEY] = True
    app.run()
    assert not app.exception, app.exception
    return app


@pytest.fixture
def pretrained_copy(tmp_path, monkeypatch):
    """pretrained_copy() -> a copy of the shipped pretrained/ that the app reads instead: damage it freely."""

    def copier():
        from explorer.checkpoints.store import PRETRAINED_DIR

        copy = tmp_path / "pretrained"
        shutil.copytree(PRETRAINED_DIR, copy)
        monkeypatch.setenv("EXPLORER_PRETRAINED_DIR", str(copy))
        return copy

    return copier


@pytest.fixture
def cut_short(pretrained_copy):
    """cut_short("group/file", keep) -> the app reads a copy of pretrained/ in which that file keeps only its
    first `keep` bytes, as a broken download would leave it."""

    def cutter(relative: str, keep: int):
        target = pretrained_copy() / relative
        target.write_bytes(target.read_bytes()[:keep])
        return target

    return cutter


@pytest.fixture
def manifest_without(tmp_path, monkeypatch):
    """manifest_without("group") -> the app reads a build whose manifest lacks that group."""

    def writer(group: str) -> None:
        import json

        from explorer.checkpoints.store import PRETRAINED_DIR

        manifest = json.loads((PRETRAINED_DIR / "manifest.json").read_text())
        del manifest["groups"][group]
        (tmp_path / "manifest.json").write_text(json.dumps(manifest))
        monkeypatch.setenv("EXPLORER_PRETRAINED_DIR", str(tmp_path))

    return writer


def image_urls(app: AppTest) -> list[str]:
    return [url for image in app.get("image") for url in image.value]
