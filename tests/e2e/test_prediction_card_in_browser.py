"""A prediction card in a real browser: two students of one class each pick an answer and reveal it; each sees
the measured answer and the class tally, the second counting both."""

import uuid

import pytest

from explorer.ui.shared.prediction_card import PREDICT_TITLE
from scripts.app_process import wait_for_app
from tests.e2e.conftest import LAPTOP, assert_in_view, screenshot
from tests.e2e.test_pages_in_browser import assert_no_exception

pytestmark = pytest.mark.e2e

CLASS_ID = f"e2e-{uuid.uuid4().hex[:8]}"  # a lesson link's fresh tally, on the server the other tests share


def predict_and_reveal(page, url: str, choice: str, class_id: str = CLASS_ID) -> None:
    page.goto(f"{url}/denoising?class={class_id}")
    opener = page.get_by_role("button", name=PREDICT_TITLE)
    opener.wait_for()
    wait_for_app(page)
    assert_in_view(page, opener, "the Predict first button")
    opener.click()
    card = page.get_by_test_id("stPopoverBody")
    reveal = card.get_by_role("button", name="Reveal")
    assert reveal.is_disabled()  # nothing picked yet
    card.get_by_text(choice, exact=True).click()
    wait_for_app(page)
    reveal.click()
    page.get_by_text("Measured answer:").wait_for()
    wait_for_app(page)


def test_two_students_reveal_and_see_the_answer_and_the_class_tally(app_url, browser):
    from explorer.ui.denoising.predictions import denoising_prediction

    prediction = denoising_prediction()
    wrong = next(choice for choice in prediction.choices if choice != prediction.answer)
    first, second = (browser.new_context(viewport=LAPTOP) for _ in range(2))
    try:
        page = first.new_page()
        page.set_default_timeout(90_000)
        predict_and_reveal(page, app_url, wrong)
        assert page.get_by_text(f"You predicted {wrong}.").count() == 1
        page.get_by_text("Your class so far: 1 prediction").wait_for()

        page = second.new_page()
        page.set_default_timeout(90_000)
        predict_and_reveal(page, app_url, prediction.answer)
        assert page.get_by_text("You predicted it.").count() == 1
        answer = page.get_by_text(f"Measured answer: {prediction.answer}.")
        assert_in_view(page, answer, "the measured answer")
        page.get_by_text("Your class so far: 2 predictions").wait_for()
        screenshot(page, "prediction_card_revealed", whole_page=False)
        tally = page.get_by_test_id("stMarkdownContainer").filter(has_text="Your class so far").inner_text()
        assert tally.count("1 (50%)") == 2  # one vote each for two choices
        assert_no_exception(page)
    finally:
        first.close()
        second.close()
