"""The Sparse codes page in a real browser at 1366 x 768: the penalty buttons and what they change, then the
details under Go deeper."""

import pytest

from scripts.app_process import open_deeper, wait_for_app
from tests.e2e.conftest import PLOTLY_CHART, assert_in_view, screenshot, wait_for_charts
from tests.e2e.test_pages_in_browser import assert_no_exception, image_sources
from tests.e2e.test_route_in_browser import assert_readable

pytestmark = pytest.mark.e2e


def open_sparse_codes(app_url, page) -> None:
    page.goto(f"{app_url}/sparse_codes")
    page.get_by_text("At λ = 0.3, this 3 wakes").wait_for(timeout=120_000)
    wait_for_app(page)
    wait_for_charts(page, 1)  # the code's bars; Go deeper is closed


def test_a_stronger_penalty_quiets_the_code_and_all_of_it_shows_without_scrolling(app_url, page):
    open_sparse_codes(app_url, page)
    before = image_sources(page)
    page.get_by_test_id("stButtonGroup").get_by_role("radio", name="1", exact=True).click()  # λ = 0.3 -> 1
    sentence = page.get_by_text("At λ = 1, this 3 wakes")
    sentence.wait_for()
    wait_for_app(page)
    after = image_sources(page)
    assert after[0] != before[0]  # the pictures of the units in use
    assert after[1] == before[1] and len(after) == len(before)  # the same test digit, the same row under it
    assert_in_view(page, sentence, "the sentence on the code")
    assert_in_view(page, page.locator(PLOTLY_CHART).first, "the code's bars")
    images = page.locator("[data-testid=stMain] [data-testid=stImage]")
    assert_in_view(page, images.nth(0), "the units' pictures")
    assert_in_view(page, images.nth(5), "the reconstruction at the largest λ")
    assert_in_view(page, page.get_by_text("This 3, reconstructed at every λ"), "the row at every λ")
    screenshot(page, "sparse_codes_fold", whole_page=False)
    assert_no_exception(page)


def test_go_deeper_shows_every_value_and_the_dead_units_per_penalty(app_url, page):
    open_sparse_codes(app_url, page)
    open_deeper(page)
    wait_for_charts(page, 2)  # and under Go deeper the histogram
    histogram = page.locator(PLOTLY_CHART).nth(1)
    histogram.scroll_into_view_if_needed()
    assert histogram.locator(".legendtext").count() == 4  # one line per shipped λ
    table = page.get_by_test_id("stTable")
    assert "dead units" in table.inner_text() and "λ = 1" in table.inner_text()
    page.get_by_text("All 128 units at λ = 0.3").wait_for()
    assert_readable(page, "Sparse codes")
    screenshot(page, "sparse_codes")
    assert_no_exception(page)
