"""A real `streamlit run app.py` on 127.0.0.1 and a headless Chromium driving it.

Under CI (CI=true) a browser that cannot start fails the run instead of skipping.
"""

from __future__ import annotations

import os

import pytest

from scripts.app_process import ROOT, free_port, launch_chromium, start_app, stop_app, wait_until_healthy

SCREENSHOTS = ROOT / "docs" / "screenshots"


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


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(90_000)  # a first page load imports torch: slow on a busy 2-core machine
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    """Kept in docs/screenshots, where the README shows them: each test run refreshes them."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Streamlit scrolls inside its main block, so a full-page shot would stop at the viewport:
    # grow the viewport to the content first.
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": min(int(height) + 40, 4000)})
    page.wait_for_timeout(500)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


PLOTLY_CHART = ".js-plotly-plot"
VEGA_CHART = "[data-testid=stVegaLiteChart] svg.marks"  # drawn: Vega's SVG is in place


def wait_for_charts(page, count: int, drawn: str = PLOTLY_CHART) -> None:
    """Charts draw after Streamlit's script run ends: wait until `count` of them are on the page."""
    page.wait_for_function(f"() => document.querySelectorAll({drawn!r}).length >= {count}")
