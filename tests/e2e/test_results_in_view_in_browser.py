"""On a 1366 x 768 laptop screen, what a control changes on the Denoising and Anomaly pages shows without
scrolling (the Bottleneck page's check is in test_pages_in_browser.py)."""

import pytest
from playwright.sync_api import expect

from scripts.app_process import wait_for_app
from tests.e2e.conftest import assert_in_view, screenshot
from tests.e2e.test_own_digit_in_browser import wait_for_images
from tests.e2e.test_pages_in_browser import assert_no_exception, image_sources

pytestmark = pytest.mark.e2e

IMAGE = "[data-testid=stMain] [data-testid=stImage]"


def test_denoising_a_new_noise_and_level_show_all_four_rows_in_view(app_url, page):
    page.goto(f"{app_url}/denoising")
    page.get_by_text("Gaussian noise at level 0.3.").wait_for()
    wait_for_images(page, 28)
    before = image_sources(page)

    page.get_by_text("Salt and pepper", exact=True).click()
    page.get_by_text("Salt and pepper noise at level 0.3.").wait_for()
    wait_for_app(page)
    page.get_by_role("slider").first.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # 0.3 -> 0.6
    page.get_by_text("Salt and pepper noise at level 0.6.").wait_for()
    wait_for_images(page, 28)
    after = image_sources(page)
    assert after[:7] == before[:7] and after[7:14] != before[7:14]  # the same digits, new noise

    assert_in_view(page, page.get_by_text("Salt and pepper noise at level 0.6."), "the result line")
    assert_in_view(page, page.locator(IMAGE).nth(27), "the denoising autoencoder's row")
    screenshot(page, "denoising_fold", whole_page=False)
    assert_no_exception(page)


def plain_sentence(page):
    return page.get_by_text("are caught;")


def test_anomaly_a_threshold_move_shows_the_sentence_and_the_flags_in_view(app_url, page):
    page.goto(f"{app_url}/anomaly")
    plain_sentence(page).wait_for()
    wait_for_images(page, 24)
    before = plain_sentence(page).inner_text()

    page.get_by_role("slider").first.focus()
    for _ in range(12):
        page.keyboard.press("ArrowLeft")  # a lower threshold: more caught, more false alarms
    # the same element's text, changed: the page's rerun has ended
    expect(plain_sentence(page)).not_to_have_text(before, timeout=60_000)
    wait_for_app(page)
    assert plain_sentence(page).inner_text() != before

    assert_in_view(page, plain_sentence(page), "the plain sentence")
    assert_in_view(page, page.locator(IMAGE).nth(15), "the reconstructions and their flags")
    assert_in_view(page, page.locator(IMAGE).nth(23), "the heat maps")
    screenshot(page, "anomaly_fold", whole_page=False)
    assert_no_exception(page)
