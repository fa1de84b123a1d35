"""Every page's "Predict first" card: folded, nothing chosen, Reveal only after a choice; the reveal shows the
answer measured from the shipped models; in a lesson, the class tally counts each session once."""

import importlib
import re

import pytest

from explorer.ui.shared.navigation import HOME, PAGES
from explorer.ui.shared.prediction_card import CLASS_KEY, PREDICT_TITLE
from tests.app.conftest import open_card


def predictions(page: str):
    """A page's prediction loaders (explorer/ui/<page>/predictions.py)."""
    return importlib.import_module(f"explorer.ui.{page}.predictions")


MEASURES = {
    HOME.path: lambda: predictions("home").home_prediction("ae_k16"),
    "app_pages/bottleneck.py": predictions("bottleneck").bottleneck_prediction,
    "app_pages/latent_map.py": predictions("latent_map").latent_map_prediction,
    "app_pages/denoising.py": predictions("denoising").denoising_prediction,
    "app_pages/anomaly.py": predictions("anomaly").anomaly_prediction,
    "app_pages/loss_balance.py": predictions("loss_balance").loss_balance_prediction,
    "app_pages/diffusion.py": predictions("diffusion").diffusion_prediction,
    "app_pages/vqvae.py": predictions("vqvae").vqvae_prediction,
    "app_pages/sparse_codes.py": predictions("sparse_codes").sparse_codes_prediction,
    "app_pages/inside_network.py": predictions("inside_network").inside_network_prediction,
    "app_pages/vae_posterior.py": predictions("vae_posterior").vae_posterior_prediction,
    "app_pages/shapes.py": predictions("shapes").shapes_prediction,
}
# A card answered from the student's own run rather than from shipped models: there is no answer until the student
# has trained, so the test above cannot reveal it on opening. Its own test below asks, trains, then reveals.
OWN_DATASET = "app_pages/own_dataset.py"


def test_every_page_has_a_card():
    assert set(MEASURES) | {OWN_DATASET} == {HOME.path, *(page.path for page in PAGES)}


def _names_numbers(prediction) -> bool:
    """A card decided by bands names each band's range in its choice (a choice of nothing may say "none")."""
    return all(re.search(r"\d", choice) or choice == "none" for choice in prediction.choices)


def rule_named(card_id: str):
    """card id -> a check that the card's question (or, for bands, its choices) names the rule its reveal uses:
    the threshold or the measure that decides the answer, read from the card's own module."""
    from explorer.topics.inside_network.predictions import COPES
    from explorer.topics.latent_map.predictions import TIE
    from explorer.topics.loss_balance.settings import ACTIVE_KL
    from explorer.topics.own_dataset.predictions import ALIKE_WITHIN
    from explorer.topics.sparse_codes.logic import NEAR_ZERO

    return {
        "home_still_readable": lambda card: "digit classifier" in card.question and _names_numbers(card),
        "bottleneck_digit_survives": lambda card: "read right by the digit classifier" in card.question,
        "latent_map_random_codes": lambda card: f"within {TIE:.0%} counts as alike" in card.question,
        "denoising_plain_cleans": lambda card: "raising the PSNR" in card.question,
        "anomaly_hardest_to_flag": lambda card: "the lowest ROC AUC" in card.question,
        "loss_balance_active_dimensions": lambda card: f"above {ACTIVE_KL:g}" in card.question and _names_numbers(card),
        "diffusion_step_cost": _names_numbers,
        "vqvae_unused_entries": _names_numbers,
        "sparse_codes_units_on": lambda card: f"above {NEAR_ZERO:g}" in card.question and _names_numbers(card),
        "inside_network_shift": lambda card: f"under {COPES:g} times" in card.question,
        "vae_posterior_costliest_cloud": lambda card: "on average" in card.question,
        "shapes_mig_trend": lambda card: "score above all at the other" in card.question,
        "own_dataset_held_out": lambda card: f"within {ALIKE_WITHIN:.0%} of each other" in card.question,
    }[card_id]


def test_every_card_states_its_rule_and_offers_plain_answers():
    """Issue 26: a student answers knowing what the reveal will count, and no choice argues for itself."""
    import streamlit as st

    from explorer.core.prediction import argument_in
    from explorer.topics.own_dataset.predictions import open_question

    st.cache_resource.clear()  # measured from the shipped build, not a damaged copy an earlier test left cached
    cards = [measure() for measure in MEASURES.values()] + [open_question()]
    assert len({card.card_id for card in cards}) == len(MEASURES) + 1
    for card in cards:
        assert rule_named(card.card_id)(card), (card.card_id, card.question, card.choices)
        assert all(argument_in(choice) is None for choice in card.choices), card.choices


def test_a_choice_that_argues_is_refused():
    from explorer.core.prediction import Prediction, argument_in

    assert argument_in("the conv AE: its filters slide with the digit")  # the old Inside the network choice
    assert argument_in("the VAE because it has a prior") and argument_in("about as many times as the weights")
    with pytest.raises(ValueError, match="argues"):
        Prediction("card", "Which?", ("the conv AE: its filters slide", "neither"), "neither", "measured", "why")


def choice_radio(app, prediction):
    return app.radio(key=f"predict_{prediction.card_id}_choice")


def reveal_button(app, prediction):
    return app.button(key=f"predict_{prediction.card_id}_reveal")


def texts(app) -> str:
    return "\n".join(md.value for md in app.markdown)


def reveal(app, prediction, choice: str):
    choice_radio(app, prediction).set_value(choice).run()
    assert not reveal_button(app, prediction).disabled
    reveal_button(app, prediction).click().run()
    assert not app.exception, app.exception


def card_texts(app) -> list[str]:
    return [md.value for md in app.markdown if md.value.startswith(f"**{PREDICT_TITLE}")]


def test_a_closed_card_measures_nothing_until_it_is_opened(open_page, monkeypatch):
    """Measuring some answers takes a second on a fresh server: a page's first visitor does not wait for it."""
    asked = []
    measure = predictions("denoising").denoising_prediction
    monkeypatch.setattr(predictions("denoising"), "denoising_prediction", lambda: asked.append(1) or measure())
    app = open_page("app_pages/denoising.py")
    assert asked == [] and card_texts(app) == []
    open_card(app)
    assert asked and card_texts(app) == [f"**{PREDICT_TITLE}: {measure().question}**"]


@pytest.mark.parametrize("path", MEASURES, ids=lambda path: path.split("/")[-1])
def test_the_card_asks_first_and_reveals_the_measured_answer(open_page, path):
    app = open_card(open_page(None if path == HOME.path else path))
    prediction = MEASURES[path]()
    assert card_texts(app) == [f"**{PREDICT_TITLE}: {prediction.question}**"]
    assert choice_radio(app, prediction).value is None  # no answer preselected
    assert list(choice_radio(app, prediction).options) == list(prediction.choices)
    assert reveal_button(app, prediction).disabled
    assert "Measured answer" not in texts(app) and prediction.measured not in texts(app)

    wrong = next(choice for choice in prediction.choices if choice != prediction.answer)
    reveal(app, prediction, wrong)
    shown = texts(app)
    assert f"**Measured answer: {prediction.answer}.** ❌ You predicted *{wrong}*." in shown
    assert prediction.measured in shown and prediction.why in shown
    assert "Your class so far" not in shown  # no lesson, no tally

    choice_radio(app, prediction).set_value(prediction.answer).run()
    assert f"**Measured answer: {prediction.answer}.** ✅ You predicted it." in texts(app)


def class_count_line(app) -> str:
    return next(md.value for md in app.markdown if md.value.startswith("**Your class so far"))


def class_shares(app) -> dict[str, str]:
    """choice -> "count (share)", read from the tally's bars."""
    found = re.findall(r"` (\d+ \(\d+%\)): (.+?)(?: ✓)?\s*$", class_count_line(app), flags=re.MULTILINE)
    return {choice: count for count, choice in found}


def test_two_sessions_of_one_class_both_count_and_a_changed_mind_moves_the_vote(open_page):
    path = "app_pages/denoising.py"
    first, second = open_page(path), open_page(path)  # opened first: each opening clears the server's caches
    open_card(first), open_card(second)
    prediction = predictions("denoising").denoising_prediction()
    wrong = next(choice for choice in prediction.choices if choice != prediction.answer)
    for app in (first, second):
        app.session_state[CLASS_KEY] = "class-of-test"
    reveal(first, prediction, wrong)
    assert class_count_line(first).startswith("**Your class so far: 1 prediction**")
    reveal(second, prediction, prediction.answer)
    line = class_count_line(second)
    assert line.startswith("**Your class so far: 2 predictions**")
    others = set(prediction.choices) - {wrong, prediction.answer}
    assert class_shares(second) == {wrong: "1 (50%)", prediction.answer: "1 (50%)", **dict.fromkeys(others, "0 (0%)")}
    assert f"{prediction.answer} ✓" in line  # the measured answer is marked

    choice_radio(first, prediction).set_value(prediction.answer).run()  # a changed mind: the vote moves
    line = class_count_line(first)
    assert line.startswith("**Your class so far: 2 predictions**")
    assert class_shares(first)[prediction.answer] == "2 (100%)" and class_shares(first)[wrong] == "0 (0%)"


def test_another_class_keeps_its_own_count(open_page):
    path = "app_pages/denoising.py"
    first, second = open_page(path), open_page(path)
    open_card(first), open_card(second)
    prediction = predictions("denoising").denoising_prediction()
    first.session_state[CLASS_KEY] = "one-lesson"
    second.session_state[CLASS_KEY] = "another-lesson"
    reveal(first, prediction, prediction.answer)
    reveal(second, prediction, prediction.answer)
    assert class_count_line(second).startswith("**Your class so far: 1 prediction**")


def test_a_revealed_card_keeps_its_choice_after_a_visit_to_another_page(open_page):
    app = open_card(open_page("app_pages/denoising.py"))
    prediction = predictions("denoising").denoising_prediction()
    reveal(app, prediction, prediction.answer)
    app.switch_page("app_pages/anomaly.py").run()
    app.switch_page("app_pages/denoising.py").run()
    open_card(app)
    assert choice_radio(app, prediction).value == prediction.answer
    assert f"**Measured answer: {prediction.answer}.** ✅ You predicted it." in texts(app)


def test_without_the_files_a_card_needs_the_page_still_opens_and_the_card_steps_aside(open_page, cut_short):
    cut_short("diffusion/diffusion_classifier.safetensors", keep=1000)  # the Home card's answer needs it
    app = open_card(open_page(None))
    assert any(caption.value.startswith("This page's question needs a shipped file") for caption in app.caption)
    assert card_texts(app) == []
    assert app.get("image")  # the home page's own picture needs no classifier


def test_the_own_data_set_card_waits_for_a_finished_run_then_reveals_its_measured_errors(open_page):
    from explorer.topics.own_dataset.predictions import open_question

    app = open_card(open_page(OWN_DATASET))
    question = open_question()
    assert card_texts(app) == [f"**{PREDICT_TITLE}: {question.question}**"]
    assert choice_radio(app, question).value is None
    assert reveal_button(app, question).disabled and "Train a model" in reveal_button(app, question).help
    choice_radio(app, question).set_value(question.choices[0]).run()
    assert reveal_button(app, question).disabled  # a choice alone does not reveal: there is nothing measured yet

    app.button(key="own_use_example").click().run()
    app.slider(key="own_epochs").set_value(2).run()
    app.button(key="own_train").click().run()
    assert not app.exception, app.exception
    run = app.session_state["own_run"]
    assert run.status == "finished" and choice_radio(app, question).value == question.choices[0]  # kept
    reveal_button(app, question).click().run()
    shown = texts(app)
    assert "**Measured answer: " in shown and f"{run.last.train_mse:.4f}" in shown
    assert f"{run.last.held_out_mse:.4f}" in shown and "Your run (VAE, k = 8)" in shown
