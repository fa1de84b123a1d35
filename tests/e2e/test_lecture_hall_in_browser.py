"""A lecture hall in real browsers: two students sent by the sticky proxy to two different server processes answer
the same prediction card, and both see a class tally of 2, counted in the Redis the processes share."""

import uuid

import pytest

from explorer.ui.server.warm_up import WARM_UP_ENV
from scripts.app_process import free_port
from scripts.lecture_hall import HAPROXY, REDIS_SERVER, STICKY_COOKIE, running_hall
from tests.conftest import programs_or_skip
from tests.e2e.conftest import LAPTOP
from tests.e2e.test_prediction_card_in_browser import predict_and_reveal

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


@pytest.fixture(scope="module")
def hall_url(tmp_path_factory):
    """Redis, two app processes sharing it and HAProxy in front, as scripts/serve_hall.py 2 starts them."""
    programs_or_skip(REDIS_SERVER, HAPROXY)
    # No start-up visits: two of them at once would take both cores from the browsers.
    with running_hall(2, free_port(), tmp_path_factory.mktemp("hall"), env={WARM_UP_ENV: "0"}) as hall:
        yield hall.url


def test_two_students_on_two_processes_see_one_tally(hall_url, browser):
    from explorer.ui.denoising.predictions import denoising_prediction

    class_id = f"hall-{uuid.uuid4().hex[:8]}"
    prediction = denoising_prediction()
    wrong = next(choice for choice in prediction.choices if choice != prediction.answer)
    first, second = (browser.new_context(viewport=LAPTOP) for _ in range(2))
    try:
        pages = [context.new_page() for context in (first, second)]
        for page, choice in zip(pages, (wrong, prediction.answer), strict=True):
            page.set_default_timeout(120_000)
            predict_and_reveal(page, hall_url, choice, class_id)
        served_by = [next(cookie["value"] for cookie in context.cookies() if cookie["name"] == STICKY_COOKIE)
                     for context in (first, second)]
        assert served_by[0] != served_by[1], served_by  # the proxy sent them to different processes
        pages[1].get_by_text("Your class so far: 2 predictions").wait_for()
        # The first student changes their mind on their own process: the vote moves in the shared tally, and their
        # page now counts the other process's vote too.
        pages[0].get_by_test_id("stPopoverBody").get_by_text(prediction.answer, exact=True).click()
        pages[0].get_by_text("Your class so far: 2 predictions").wait_for()
        pages[0].get_by_text("2 (100%)").wait_for()
    finally:
        first.close()
        second.close()
