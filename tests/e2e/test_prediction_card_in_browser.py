"""A prediction card in a real browser: two students of one class each pick an answer and reveal it; each sees
the measured answer and the class tally, the second counting both."""

import pytest

from explorer.ui.prediction_card import PREDICT_TITLE
from scripts.app_process import APP_SCRIPT, free_port, start_app, stop_app, wait_for_app, wait_until_healthy
from tests.e2e.conftest import LAPTOP, assert_in_view, screenshot
from tests.e2e.test_pages_in_browser import assert_no_exception

pytestmark = pytest.mark.e2e

CLASS_ID = "e2e-class"
# The visit script as a lesson link leaves a session: with a class id. It must sit beside the visit script,
# since page paths are read from the main script's folder.
LESSON_APP = f'''"""Written by tests/e2e/test_prediction_card_in_browser.py for one test, then removed."""
import streamlit as st

from scripts.app_process import APP_SCRIPT

st.session_state.setdefault("lesson_class", {CLASS_ID!r})
exec(compile(APP_SCRIPT.read_text(), APP_SCRIPT.name, "exec"))
'''


@pytest.fixture(scope="module")
def lesson_url():
    script = APP_SCRIPT.parent / "e2e_lesson_app.py"
    script.write_text(LESSON_APP)
    port = free_port()
    process = start_app(port, script=script.name)
    try:
        wait_until_healthy(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_app(process)
        script.unlink()


def predict_and_reveal(page, url: str, choice: str) -> None:
    page.goto(f"{url}/denoising")
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


def test_two_students_reveal_and_see_the_answer_and_the_class_tally(lesson_url, browser):
    from explorer.ui.prediction_loaders import denoising_prediction

    prediction = denoising_prediction()
    wrong = next(choice for choice in prediction.choices if choice != prediction.answer)
    first, second = (browser.new_context(viewport=LAPTOP) for _ in range(2))
    try:
        page = first.new_page()
        page.set_default_timeout(90_000)
        predict_and_reveal(page, lesson_url, wrong)
        assert page.get_by_text(f"You predicted {wrong}.").count() == 1
        page.get_by_text("Your class so far: 1 prediction").wait_for()

        page = second.new_page()
        page.set_default_timeout(90_000)
        predict_and_reveal(page, lesson_url, prediction.answer)
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
