"""AppTest helpers: the real app script (app_navigation.py), run in-process, one page at a time."""

from __future__ import annotations

import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from scripts.app_process import APP_SCRIPT


def visitor_state_caches() -> tuple:
    """The caches that hold what a server's visitors share or change: the class's votes, the line of heavy work,
    the results made for them, the one-off training warm-up."""
    from explorer.ui.server.class_tally import class_tally
    from explorer.ui.server.shared_results import shared_results
    from explorer.ui.server.work_line import work_line
    from explorer.ui.shared.resources import live_training_warm_up

    return class_tally, work_line, live_training_warm_up, shared_results


_kept = {"for": None, "patching": False}  # the pretrained/ folder the kept caches were filled from (None: none)


@pytest.fixture(autouse=True)
def patching_tests_load_anew(request):
    """A test that patches (monkeypatch) may replace what a cached loader calls: it, and the test after it, load
    everything anew."""
    _kept["patching"] = "monkeypatch" in request.fixturenames
    yield
    if _kept["patching"]:
        _kept["for"] = None


def fresh_server() -> None:
    """The caches as a page of a fresh server finds them. The loaders' caches (models, data, and what pages compute
    from them alone) are kept across tests that read the same pretrained/ folder and patch nothing: filling them
    anew for every page a test opened was most of the suite's time. The visitors' state is always emptied."""
    from explorer.checkpoints.store import default_pretrained_dir

    where = default_pretrained_dir()
    if _kept["patching"] or _kept["for"] != where:
        st.cache_resource.clear()
        _kept["for"] = None if _kept["patching"] else where
    else:
        for cache in visitor_state_caches():
            cache.clear()


def new_session(deeper_open: bool = True) -> AppTest:
    """A new session of the app; `deeper_open`: as a student who has opened "Go deeper" (its content runs only
    then), which most tests read."""
    from explorer.ui.shared.anatomy import DEEPER_KEY

    app = AppTest.from_file(str(APP_SCRIPT), default_timeout=180)
    if deeper_open:
        app.session_state[DEEPER_KEY] = True
    return app


@pytest.fixture
def open_page():
    """open_page("app_pages/x.py") -> an AppTest that has run the app script and then that page ("Go deeper" open
    unless deeper_open=False)."""

    def opener(page: str | None = None, deeper_open: bool = True) -> AppTest:
        fresh_server()
        # A generous limit: the first run imports torch, slow on a 2-core machine shared with other work.
        app = new_session(deeper_open)
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


@pytest.fixture
def never_called(monkeypatch):
    """never_called(module, "name") -> module.name raises if anything calls it (a measurement the page must read,
    shipped, instead of making)."""

    def forbid(module, name: str) -> None:
        def refused(*args, **kwargs):
            raise AssertionError(f"the page called {module.__name__}.{name}")

        monkeypatch.setattr(module, name, refused)

    return forbid


@pytest.fixture
def shipped_without_entry(tmp_path, monkeypatch):
    """shipped_without_entry("group", "key") -> the app reads the shipped files through a manifest whose group
    lacks that entry (what a build made before the entry was measured looks like)."""

    def writer(group: str, key: str) -> None:
        import json

        from explorer.checkpoints.store import PRETRAINED_DIR

        manifest = json.loads((PRETRAINED_DIR / "manifest.json").read_text())
        del manifest["groups"][group][key]
        for folder in PRETRAINED_DIR.iterdir():
            if folder.is_dir():
                (tmp_path / folder.name).symlink_to(folder)
        (tmp_path / "manifest.json").write_text(json.dumps(manifest))
        monkeypatch.setenv("EXPLORER_PRETRAINED_DIR", str(tmp_path))

    return writer


def image_urls(app: AppTest) -> list[str]:
    return [url for image in app.get("image") for url in image.value]
