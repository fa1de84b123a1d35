"""A student moves β in a real browser and watches a VAE retrain live."""

import re

import pytest

from scripts.app_process import wait_for_app
from tests.e2e.conftest import VEGA_CHART, assert_in_view, screenshot, wait_for_charts
from tests.e2e.test_pages_in_browser import assert_no_exception

pytestmark = pytest.mark.e2e


def ladder_row(page, label: str):
    """The row of the β ladder whose first cell reads `label`."""
    return page.locator("[data-testid=stHorizontalBlock]").filter(
        has=page.get_by_text(label, exact=True)).filter(has=page.locator("[data-testid=stImage]")).last


def test_moving_beta_shows_progress_then_the_final_charts(app_url, page):
    page.goto(f"{app_url}/loss_balance")
    page.get_by_text("Showing the shipped run, β = 1").wait_for(timeout=60_000)
    wait_for_app(page)
    # Opened: the β ladder of the shipped runs, whole, under the β control
    assert_in_view(page, page.get_by_text("Showing the shipped run, β = 1"), "what the page shows")
    assert_in_view(page, ladder_row(page, "test digits"), "the test digits the shipped runs reconstruct")
    assert_in_view(page, ladder_row(page, "β = 8"), "the last rung of the β ladder")
    screenshot(page, "loss_balance_fold", whole_page=False)
    wait_for_charts(page, 3, VEGA_CHART)
    assert page.locator(VEGA_CHART).count() == 3

    page.get_by_role("slider").first.focus()
    page.keyboard.press("ArrowRight")  # β 1 -> 1.5: a new run starts
    page.get_by_text(re.compile(r"Epoch \d+ of 15 at β = 1\.5")).wait_for(timeout=60_000)  # progress, mid-run
    page.get_by_text("Finished 15 epochs at β = 1.5").wait_for(timeout=120_000)
    wait_for_app(page)
    # The run's row sits in the ladder between β = 1 and β = 2, in view with the β control and the status
    assert_in_view(page, page.get_by_text("Finished 15 epochs at β = 1.5"), "the result of moving β")
    own = ladder_row(page, "your run")
    assert own.locator("[data-testid=stImage]").count() == 2  # its reconstructions and its decodes
    assert_in_view(page, own, "the run's reconstructions and decodes")
    assert own.get_by_text("β = 1.5", exact=True).count() == 1
    order = [ladder_row(page, label).bounding_box()["y"] for label in ("β = 1", "β = 2")]
    assert order[0] < own.bounding_box()["y"] < order[1]
    screenshot(page, "loss_balance_trained_fold", whole_page=False)
    wait_for_charts(page, 4, VEGA_CHART)
    assert page.locator(VEGA_CHART).count() == 4  # curves, rate-distortion, KL bars, the codes
    assert page.get_by_text("Walk along one dimension of the code").count() == 1
    assert_no_exception(page)
    screenshot(page, "loss_balance")


def test_moving_beta_again_mid_run_stops_that_run_and_keeps_its_point(app_url, page):
    page.goto(f"{app_url}/loss_balance")
    page.get_by_text("Showing the shipped run, β = 1").wait_for(timeout=60_000)
    wait_for_app(page)
    slider = page.get_by_role("slider").first
    slider.focus()
    page.keyboard.press("ArrowLeft")  # β 1 -> 0.7
    page.get_by_text(re.compile(r"Epoch \d+ of 15 at β = 0\.7 ")).wait_for(timeout=60_000)
    page.keyboard.press("ArrowLeft")  # 0.7 -> 0.5 while the first run is still training
    page.get_by_text("Finished 15 epochs at β = 0.5").wait_for(timeout=120_000)
    wait_for_app(page)
    assert page.get_by_text("your earlier runs").count() >= 1  # the stopped run's point on the rate-distortion plot
    assert_no_exception(page)
