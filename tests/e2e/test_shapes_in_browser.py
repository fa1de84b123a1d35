"""The Shapes page in a real browser at 1366 x 768: the walk and the factor matrix on the first screen, another
β relabels the rows, and a run of the student's own streams its score epoch by epoch."""

import re

import pytest

from scripts.app_process import wait_for_app
from tests.e2e.conftest import PLOTLY_CHART, assert_in_view, screenshot, wait_for_charts
from tests.e2e.test_pages_in_browser import assert_no_exception, image_sources

pytestmark = pytest.mark.e2e


def test_the_walk_and_matrix_show_then_a_live_run_is_scored(app_url, page):
    page.goto(f"{app_url}/shapes")
    page.get_by_text("Each row walks one dimension of the code").wait_for(timeout=120_000)
    wait_for_app(page)
    wait_for_charts(page, 2)  # the factor matrix and MIG across β
    rows = page.locator("[data-testid=stMain] [data-testid=stImage]")
    assert_in_view(page, page.get_by_text("Each row walks one dimension of the code"), "what the rows are")
    assert_in_view(page, rows.first, "the first row of the walk")
    assert_in_view(page, page.locator(PLOTLY_CHART).first, "the factor matrix")
    screenshot(page, "shapes_fold", whole_page=False)

    before = image_sources(page)
    page.get_by_test_id("stButtonGroup").get_by_role("radio", name="β = 16", exact=True).click()
    page.get_by_text(re.compile(r"dimensions are unused at β = 16")).wait_for()
    wait_for_app(page)
    assert image_sources(page) != before

    page.locator(".st-key-shapes_train").get_by_role("button").click()
    page.get_by_text(re.compile(r"Epoch \d+ of 8 at β = 4 · MIG")).wait_for(timeout=60_000)  # streamed, mid-run
    page.get_by_text(re.compile(r"Finished 8 epochs at β = 4: MIG \d\.\d{3}")).wait_for(timeout=120_000)
    wait_for_app(page)
    wait_for_charts(page, 3)  # the run's own matrix beside its reconstructions
    assert page.get_by_text("What its dimensions in use carry:").count() == 1
    assert page.get_by_text("your run").count() >= 1  # its point on the MIG chart's legend
    assert_no_exception(page)
    screenshot(page, "shapes")
