"""The Inside the network page in a real browser: its three sections draw, and a control changes each."""

import pytest

from scripts.app_process import wait_for_app
from tests.e2e.conftest import assert_in_view, screenshot, wait_for_charts
from tests.e2e.test_own_digit_in_browser import draw_a_seven, open_own_digit, wait_for_images
from tests.e2e.test_pages_in_browser import assert_no_exception, image_sources

pytestmark = pytest.mark.e2e

IMAGE = "[data-testid=stMain] [data-testid=stImage]"
LAYER_IMAGES = 6  # the digit, four stacks of maps, the reconstruction
ALL_IMAGES = LAYER_IMAGES + 5  # then the shifted digits, both models' reconstructions, both first layers


def open_inside(page, app_url) -> None:
    page.goto(f"{app_url}/inside_network")
    page.get_by_text("Test digit 7, shifted 0 px right, through the conv AE").wait_for()
    wait_for_images(page, ALL_IMAGES)
    wait_for_charts(page, 2)


def test_layer_by_layer_the_shift_moves_the_maps_in_view(app_url, page):
    open_inside(page, app_url)
    before = image_sources(page)
    page.get_by_role("slider").first.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # shift 0 -> 3
    page.get_by_text("Test digit 7, shifted 3 px right").wait_for(timeout=60_000)
    wait_for_images(page, ALL_IMAGES)
    after = image_sources(page)
    assert all(a != b for a, b in zip(after[:LAYER_IMAGES], before[:LAYER_IMAGES], strict=True))
    assert_in_view(page, page.get_by_text("Test digit 7, shifted 3 px right"), "the result line")
    assert_in_view(page, page.locator(IMAGE).nth(LAYER_IMAGES - 1), "the reconstruction")
    assert_in_view(page, page.locator(".js-plotly-plot").first, "the code's bars")
    screenshot(page, "inside_network_fold", whole_page=False)
    assert_no_exception(page)


def test_fully_connected_against_conv_a_new_digit_changes_both_rows(app_url, page):
    open_inside(page, app_url)
    before = image_sources(page)
    example = page.get_by_role("spinbutton", name="Test example")
    example.fill("5")
    example.press("Enter")
    wait_for_app(page)
    page.wait_for_function(f"() => document.querySelectorAll('{IMAGE} img')[0].src !== {before[0]!r}",
                           timeout=60_000)
    wait_for_images(page, ALL_IMAGES)
    after = image_sources(page)
    assert all(a != b for a, b in zip(after[LAYER_IMAGES:LAYER_IMAGES + 3], before[LAYER_IMAGES:LAYER_IMAGES + 3],
                                      strict=True))  # the shifted digit and both models' reconstructions
    assert after[LAYER_IMAGES + 3:] == before[LAYER_IMAGES + 3:]  # the first layers stay
    page.get_by_text("Fully connected against conv").scroll_into_view_if_needed()
    assert page.get_by_text("error to both").count() == 1
    screenshot(page, "inside_network")
    assert_no_exception(page)


def test_your_own_digit_goes_through_the_layers(app_url, page):
    open_inside(page, app_url)
    open_own_digit(page)
    draw_a_seven(page)
    page.get_by_text("Your digit, shifted 0 px right, through the conv AE").wait_for(timeout=60_000)
    wait_for_images(page, ALL_IMAGES + 1 + LAYER_IMAGES)
    assert_no_exception(page)
