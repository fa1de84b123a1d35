"""Shared fixtures: a tiny pretrained/ build made by the project's own script."""

from __future__ import annotations

import os
import shutil
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
def training_warm_up_without_its_wait():
    """The server's training warm-up waits 8 s before it works (tests/unit/test_deferred_warm_up.py checks that);
    here it works at once, as a warm-up that woke in a later test would reseed torch in the middle of it (a build
    that must repeat itself) or call what that test patched."""
    from explorer.ui.shared import resources

    wait, resources.WARM_UP_AFTER_S = resources.WARM_UP_AFTER_S, 0.0
    yield
    resources.WARM_UP_AFTER_S = wait


@pytest.fixture(scope="session", autouse=True)
def background_training_ends_before_the_process():
    """A page opened with emptied caches starts the server's live-training warm-up anew in a background thread;
    left running when pytest exits, torch's threads abort the process (exit 134) after every test has passed."""
    from explorer.training.live import TRAINING_THREAD

    yield
    for thread in threading.enumerate():
        if thread.name.startswith(TRAINING_THREAD):
            thread.join(timeout=120)


def programs_or_skip(*programs: str) -> None:
    """Tests of the class tally's Redis store and the lecture hall need Debian's redis-server (and haproxy): skipped
    where one is missing, required under CI, which installs them."""
    missing = [program for program in programs if shutil.which(program) is None]
    if missing and os.environ.get("CI"):
        pytest.fail(f"{' and '.join(missing)} missing: .ci/run installs them")
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed (sudo apt-get install {' '.join(missing)})")


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory) -> str:
    """One Redis for the session's tests (each test keeps its keys apart with its own prefix)."""
    from scripts.app_process import free_port, stop_app
    from scripts.lecture_hall import REDIS_SERVER, start_redis

    programs_or_skip(REDIS_SERVER)
    port = free_port()
    process = start_redis(port, tmp_path_factory.mktemp("redis"))
    yield f"redis://127.0.0.1:{port}/0"
    stop_app(process)
