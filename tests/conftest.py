"""Shared fixtures: a tiny pretrained/ build made by the project's own script."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

# A test behind one of these fixtures builds pretrained/ or starts a real server: seconds to minutes each.
SLOW_FIXTURES = {"tiny_pretrained", "app_url"}
E2E = Path(__file__).parent / "e2e"  # every test here starts a real server, drives a browser, or both


def pytest_collection_modifyitems(items):
    """Marked here rather than test by test, so that a new test on these fixtures or in tests/e2e cannot miss the
    mark, and the fast loop (-m "not slow") starts no server."""
    for item in items:
        if item.path.is_relative_to(E2E):
            item.add_marker(pytest.mark.e2e)
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def tiny_pretrained(tmp_path_factory) -> Path:
    """A seconds-long build of pretrained/ (tiny data, one epoch) in a temporary folder."""
    from scripts.train_pretrained import main

    out = tmp_path_factory.mktemp("tiny") / "pretrained"
    assert main(["--tiny", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="session", autouse=True)
def background_training_ends_before_the_process():
    """A page opened with emptied caches starts the server's live-training warm-up anew in a background thread;
    left running when pytest exits, torch's threads abort the process (exit 134) after every test has passed."""
    from explorer.training.live import TRAINING_THREAD

    yield
    for thread in threading.enumerate():
        if thread.name.startswith(TRAINING_THREAD):
            thread.join(timeout=120)
