"""A student moves β in a real browser and watches a VAE retrain live."""

import re

import pytest

from scripts.app_process import wait_for_app
from tests.e2e.conftest import VEGA_CHART, screenshot, wait_for_charts
from tests.e2e.test_pages_in_browser import assert_no_exception

pytestmark = pytest.mark.e2e


def test_moving_beta_shows_progress_then_the_final_charts(app_url, page):
    page.goto(f"{app_url}/loss_balance")
    page.get_by_text("Showing the shipped run, β = 1").wait_for(timeout=60_000)
    wait_for_app(page)
    wait_for_charts(page, 3, VEGA_CHART)
    assert page.locator(VEGA_CHART).count() == 3

    page.get_by_role("slider").first.focus()
    page.keyboard.press("ArrowRight")  # β 1 -> 1.5: a new run starts
    page.get_by_text(re.compile(r"Epoch \d+ of 15 at β = 1\.5")).wait_for(timeout=60_000)  # progress, mid-run
    page.get_by_text("Finished 15 epochs at β = 1.5").wait_for(timeout=120_000)
    wait_for_app(page)
    wait_for_charts(page, 4, VEGA_CHART)
    assert page.locator(VEGA_CHART).count() == 4  # curves, rate-distortion, KL bars, latent scatter
    assert page.get_by_text("Walk along one latent dimension").count() == 1
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
