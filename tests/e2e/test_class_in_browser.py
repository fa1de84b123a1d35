"""Two students on one server's single CPU trainer: the second waits in line, and when the first closes the
tab mid-run, that run stops and the second starts long before the first's run would have ended."""

import re
import time

import pytest

from scripts.app_process import wait_for_app
from tests.e2e.conftest import LAPTOP

pytestmark = pytest.mark.e2e

EPOCHS = 40  # the leaver's run: long enough that its end is far off when it leaves


EPOCH_LINE = re.compile(rf"Epoch (\d+) of {EPOCHS} at β")


def wait_for_epoch(page, at_least: int) -> int:
    """The epoch the page shows once it shows `at_least` (a page busy drawing skips to the newest epoch)."""
    line = page.get_by_text(EPOCH_LINE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if line.count():
            shown = EPOCH_LINE.search(line.first.inner_text())
            if shown and int(shown.group(1)) >= at_least:
                return int(shown.group(1))
        time.sleep(0.05)
    raise TimeoutError(f"epoch {at_least} never showed")


def test_a_run_whose_student_leaves_frees_the_trainer_for_the_next(app_url, browser):
    leaver_context, waiter_context = browser.new_context(viewport=LAPTOP), browser.new_context(viewport=LAPTOP)
    leaver, waiter = leaver_context.new_page(), waiter_context.new_page()
    try:
        for page in (leaver, waiter):
            page.set_default_timeout(120_000)
            page.goto(f"{app_url}/loss_balance?epochs={EPOCHS}")
            page.get_by_text("Showing the shipped run, β = 1").wait_for()
            wait_for_app(page)
        leaver.get_by_role("slider").first.focus()
        leaver.keyboard.press("ArrowRight")  # β 1 -> 1.5: the leaver's run takes the one trainer
        first = wait_for_epoch(leaver, 1)
        first_epoch = time.perf_counter()
        waiter.get_by_role("slider").first.focus()
        waiter.keyboard.press("ArrowLeft")  # β 1 -> 0.7: it waits in line
        waiter.get_by_text(re.compile(r"Waiting for a free trainer: 1 run\(s\) from other students ahead")).wait_for()
        later = wait_for_epoch(leaver, first + 2)
        seconds_per_epoch = (time.perf_counter() - first_epoch) / (later - first)
        leaver_context.close()  # the student leaves mid-run
        left = time.perf_counter()
        waiter.get_by_text(re.compile(r"Epoch \d+ of \d+ at β = 0\.7")).wait_for()
        waited = time.perf_counter() - left
        remaining = (EPOCHS - later) * seconds_per_epoch  # what the leaver's run still had to do
        assert waited < remaining / 2, (
            f"the next run started {waited:.1f} s after the leaver left; its run had {remaining:.1f} s to go")
    finally:
        for context in (leaver_context, waiter_context):
            context.close()  # a second close of the leaver's does nothing
