"""A real `streamlit run app.py` on 127.0.0.1 and a headless Chromium driving it.

Under CI (CI=true) a browser that cannot start fails the run instead of skipping.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scripts.app_process import ROOT, free_port, launch_chromium, start_app, stop_app, wait_for_app, wait_until_healthy

README_SCREENSHOTS = ROOT / "docs" / "screenshots"  # what the README shows: refreshed only when asked
TEST_SCREENSHOTS = ROOT / "build" / "screenshots"  # every run's, for a person to look at; ignored by git
UPDATE_README_ENV = "EXPLORER_UPDATE_SCREENSHOTS"  # =1: write the README's copies instead


@pytest.fixture(scope="session")
def app_url():
    port = free_port()
    process = start_app(port)
    try:
        wait_until_healthy(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_app(process)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright

        manager = sync_playwright().start()
        chromium = launch_chromium(manager)
    except Exception as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium could not start under CI: {exc}")
        pytest.skip(f"Chromium could not start ({exc}); install Debian's chromium to run browser tests")
    yield chromium
    chromium.close()
    manager.stop()


LAPTOP = {"width": 1366, "height": 768}  # the screen every page's results must fit without scrolling


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    page.set_default_timeout(90_000)  # a first page load imports torch: slow on a busy 2-core machine
    yield page
    context.close()


def screenshot_folder() -> Path:
    folder = README_SCREENSHOTS if os.environ.get(UPDATE_README_ENV) == "1" else TEST_SCREENSHOTS
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screenshot(page, name: str, whole_page: bool = True) -> None:
    """A screenshot into screenshot_folder(): the whole page, or (whole_page=False) what is in view."""
    if whole_page:
        # Streamlit scrolls inside its main block, so a full-page shot would stop at the viewport:
        # grow the viewport to the content first.
        height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
        page.set_viewport_size({"width": page.viewport_size["width"], "height": min(int(height) + 40, 4000)})
        wait_for_app(page)  # laid out again for the new size
    page.screenshot(path=str(screenshot_folder() / f"{name}.png"))


PLOTLY_CHART = ".js-plotly-plot"
VEGA_CHART = "[data-testid=stVegaLiteChart] svg.marks"  # drawn: Vega's SVG is in place


def wait_for_charts(page, count: int, drawn: str = PLOTLY_CHART) -> None:
    """Charts draw after Streamlit's script run ends: wait until `count` of them are on the page."""
    page.wait_for_function(f"() => document.querySelectorAll({drawn!r}).length >= {count}")


def assert_in_view(page, locator, what: str) -> None:
    """`locator` is wholly on screen, without scrolling: Streamlit scrolls inside stMain, and a locator's
    bounding box is measured from the top left of the viewport."""
    box = locator.bounding_box()
    assert box is not None, f"{what} is not on the page"
    size = page.viewport_size
    assert box["y"] >= 0 and box["y"] + box["height"] <= size["height"], (
        f"{what} spans y = {box['y']:.0f} to {box['y'] + box['height']:.0f}, outside the {size['height']} px screen")
    assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"], f"{what} is off the side of the screen"
