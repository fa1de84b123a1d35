"""The class tally's store as the card uses it: in this process by default, in Redis when EXPLORER_REDIS_URL is set
(two server processes then count into one tally), and a card that still works while Redis is down."""

import uuid

from explorer.core.class_tally import InProcessTally
from explorer.core.redis_tally import REDIS_URL_VARIABLE, RedisTally
from explorer.ui.denoising.predictions import denoising_prediction
from explorer.ui.server.class_tally import class_tally
from explorer.ui.shared.prediction_card import CLASS_KEY, TALLY_UNAVAILABLE
from scripts.app_process import free_port, stop_app
from scripts.lecture_hall import REDIS_SERVER, start_redis
from tests.app.conftest import open_card
from tests.conftest import programs_or_skip

PAGE = "app_pages/denoising.py"


def revealed_in_class(open_page, class_id: str, choice: str):
    app = open_page(PAGE)
    open_card(app)
    prediction = denoising_prediction()
    app.session_state[CLASS_KEY] = class_id
    app.radio(key=f"predict_{prediction.card_id}_choice").set_value(choice).run()
    app.button(key=f"predict_{prediction.card_id}_reveal").click().run()
    assert not app.exception, app.exception
    return app


def class_line(app) -> str:
    return next(md.value for md in app.markdown if md.value.startswith("**Your class so far"))


def test_without_a_redis_url_the_tally_lives_in_the_process(open_page, monkeypatch):
    monkeypatch.delenv(REDIS_URL_VARIABLE, raising=False)
    open_page()
    assert isinstance(class_tally(), InProcessTally)


def test_with_a_redis_url_a_vote_lands_in_redis(open_page, monkeypatch, redis_url):
    monkeypatch.setenv(REDIS_URL_VARIABLE, redis_url)
    class_id = f"hall-{uuid.uuid4().hex[:8]}"
    answer = denoising_prediction().answer
    app = revealed_in_class(open_page, class_id, answer)
    assert isinstance(class_tally(), RedisTally)
    assert class_line(app).startswith("**Your class so far: 1 prediction**")
    # Another process of the hall reads the same store.
    assert RedisTally(redis_url).counts(class_id, denoising_prediction().card_id) == {answer: 1}


def test_while_redis_is_down_the_card_counts_the_own_answer_then_the_class_when_it_is_back(open_page, monkeypatch,
                                                                                           tmp_path):
    programs_or_skip(REDIS_SERVER)
    port = free_port()
    monkeypatch.setenv(REDIS_URL_VARIABLE, f"redis://127.0.0.1:{port}/0")
    answer = denoising_prediction().answer
    app = revealed_in_class(open_page, "hall-down", answer)
    assert TALLY_UNAVAILABLE in [caption.value for caption in app.caption]
    assert class_line(app).startswith("**Your class so far: 1 prediction**")  # the student's own answer
    assert f"Measured answer: {answer}." in "\n".join(md.value for md in app.markdown)
    process = start_redis(port, tmp_path)
    try:
        app.run()  # the card's next run, with Redis back
        assert not app.exception, app.exception
        assert TALLY_UNAVAILABLE not in [caption.value for caption in app.caption]
        assert RedisTally(f"redis://127.0.0.1:{port}/0").counts("hall-down", denoising_prediction().card_id) == \
            {answer: 1}
    finally:
        stop_app(process)
