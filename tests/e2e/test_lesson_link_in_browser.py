"""Lesson links in a real browser: a link that locks k opens Bottleneck with k drawn fixed at the link's value,
presenter mode makes the type larger, and the arrow keys step k."""

import pytest

from explorer.ui.shared.style import PRESENTER_TEXT_PX
from explorer.ui.shared.view_link import LOCK_MARK
from scripts.app_process import wait_for_app
from tests.e2e.conftest import assert_in_view, screenshot
from tests.e2e.test_pages_in_browser import assert_no_exception

pytestmark = pytest.mark.e2e

RESULT = "Eight test digits through a code of k = {}"
K_OPTIONS = ".st-key-bottleneck_k button[aria-checked]"  # the segmented control's options, not its help icon
NEXT_K = ".st-key-bottleneck_k_next button"


def text_px(page) -> float:
    """The font size of the page's result sentence, in px."""
    sentence = page.get_by_text(RESULT.format(""), exact=False).first
    return float(sentence.evaluate("node => parseFloat(getComputedStyle(node).fontSize)"))


def k_options(page) -> list[str]:
    page.locator(K_OPTIONS).filter(has_text="8").first.wait_for()  # the control is drawn
    texts = [text.strip() for text in page.locator(".st-key-bottleneck_k button").all_inner_texts()]
    return [text for text in texts if text.isdigit()]  # the options, not the help icon


def test_a_lesson_link_opens_with_k_fixed_and_presenter_type(app_url, page):
    page.goto(f"{app_url}/bottleneck?k=8&lock=k&presenter=true")
    page.get_by_text(RESULT.format(8)).wait_for()
    wait_for_app(page)
    assert_no_exception(page)
    k_control = page.locator(".st-key-bottleneck_k")
    k_control.get_by_text(f"{LOCK_MARK} Code size k").wait_for()  # the label says it is fixed
    options = page.locator(K_OPTIONS)
    assert options.count() > 1 and all(options.nth(i).is_disabled() for i in range(options.count()))
    assert k_control.locator("button[aria-checked=true]").inner_text().strip() == "8"
    assert page.locator(NEXT_K).first.is_disabled()
    assert text_px(page) >= PRESENTER_TEXT_PX
    assert_in_view(page, page.locator("[data-testid=stImage] img").last, "the last PCA reconstruction")
    screenshot(page, "lesson_link_bottleneck_presenter", whole_page=False)
    assert "lock=k" in page.url and "presenter=true" in page.url


def test_the_arrow_keys_step_k(app_url, page):
    page.goto(f"{app_url}/bottleneck?k=8")
    page.get_by_text(RESULT.format(8)).wait_for()
    wait_for_app(page)
    assert text_px(page) < PRESENTER_TEXT_PX  # presenter mode is off unless asked for
    ks = k_options(page)
    assert "8" in ks, ks
    position = ks.index("8")
    page.keyboard.press("ArrowRight")
    page.get_by_text(RESULT.format(ks[position + 1])).wait_for()
    wait_for_app(page)
    page.keyboard.press("ArrowLeft")
    page.get_by_text(RESULT.format(8)).wait_for()
    wait_for_app(page)
    page.keyboard.press("ArrowLeft")
    page.get_by_text(RESULT.format(ks[position - 1])).wait_for()
    assert_no_exception(page)
