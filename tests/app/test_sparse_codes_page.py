"""The Sparse codes page through AppTest: each control, the sentences against the shipped models, broken files."""

import numpy as np
import pytest

from explorer.checkpoints.store import PretrainedStore
from explorer.core.data import load_bundled_mnist
from explorer.topics.sparse_codes.logic import measure, through_code
from explorer.topics.sparse_codes.shipped import shipped_runs
from explorer.topics.sparse_codes.story import look_for_text
from explorer.ui.shared.anatomy import LOOK_FOR_TITLE
from explorer.ui.shared.navigation import next_page
from explorer.ui.sparse_codes import keys
from tests.app.conftest import image_urls
from tests.app.own_digit import give_own_digit
from tests.app.test_view_links import link_shown, notice, open_with

PAGE = "app_pages/sparse_codes.py"
IMAGES = 7  # the units' pictures, the test digit, its four reconstructions, all units under Go deeper


def code_line(app) -> str:
    return next(md.value for md in app.markdown if md.value.startswith("**At λ = "))


def expected_line(strength: float, digit: int, example: int) -> str:
    """What the page must say of this digit's code, worked out from the shipped model itself."""
    store, data = PretrainedStore(), load_bundled_mnist()
    run = next(run for run in shipped_runs(store) if run.strength == strength)
    index = np.flatnonzero(data.test_labels == digit)[example - 1]
    result = through_code(store.load_model(run.name), data.test_images[index])
    return f"**At {run.label}, this {digit} wakes {result.active} of the {len(result.code)} units;**"


def test_opens_on_the_middle_penalty_with_every_picture_and_chart(open_page):
    app = open_page(PAGE)
    strengths = [run.strength for run in shipped_runs(PretrainedStore())]
    control = app.segmented_control(key=keys.STRENGTH)
    assert control.value == strengths[len(strengths) // 2]
    assert len(control.options) == len(strengths)
    assert len(image_urls(app)) == IMAGES
    assert len(app.get("plotly_chart")) == 2  # the code's bars, the histogram under Go deeper
    assert code_line(app).startswith(expected_line(control.value, 3, 1))
    assert app.main.get("page_link")[-1].proto.label.startswith(f"**Next: {next_page(PAGE).title}**")


def test_what_to_look_for_is_written_from_the_shipped_runs(open_page):
    store, data = PretrainedStore(), load_bundled_mnist()
    runs = shipped_runs(store)
    text = look_for_text(runs, [measure(store.load_model(run.name), data.test_images) for run in runs])
    app = open_page(PAGE)
    assert any(md.value == f"**{LOOK_FOR_TITLE}.** {text}" for md in app.markdown)


@pytest.mark.parametrize("strength", [run.strength for run in shipped_runs(PretrainedStore())])
def test_each_penalty_button_shows_its_own_code_and_units(open_page, strength):
    app = open_page(PAGE)
    default, before = app.segmented_control(key=keys.STRENGTH).value, image_urls(app)
    app.segmented_control(key=keys.STRENGTH).set_value(strength).run()
    assert not app.exception
    assert code_line(app).startswith(expected_line(strength, 3, 1))
    assert (image_urls(app)[0] != before[0]) == (strength != default)  # another model's units draw other pictures


def test_the_digit_and_example_controls_pick_another_test_digit(open_page):
    app = open_page(PAGE)
    strength = app.segmented_control(key=keys.STRENGTH).value
    first = image_urls(app)
    app.selectbox(key=keys.DIGIT).set_value(7).run()
    assert code_line(app).startswith(expected_line(strength, 7, 1))
    sevens = image_urls(app)
    assert sevens[1] != first[1]
    app.number_input(key=keys.EXAMPLE).set_value(5).run()
    assert code_line(app).startswith(expected_line(strength, 7, 5))
    assert image_urls(app)[1] != sevens[1]


def test_the_students_own_digit_goes_through_the_chosen_code(open_page):
    app = open_page(PAGE)
    give_own_digit(app)
    line = next(md.value for md in app.markdown if md.value.startswith("**Your digit at λ = "))
    assert "units" in line and "a test digit wakes" in line
    assert len(app.get("plotly_chart")) == 3


def test_a_damaged_run_is_named_and_the_other_penalties_still_work(open_page, cut_short):
    runs = shipped_runs(PretrainedStore())
    cut_short(PretrainedStore().model_info(runs[-1].name)["file"], keep=1000)
    app = open_page(PAGE)
    assert f"{runs[-1].name}.safetensors" in app.error[0].value
    assert len(app.segmented_control(key=keys.STRENGTH).options) == len(runs) - 1
    app.segmented_control(key=keys.STRENGTH).set_value(runs[0].strength).run()
    assert not app.exception and len(image_urls(app)) == IMAGES - 1


def test_a_build_without_the_group_names_the_command_that_makes_it(open_page, manifest_without):
    manifest_without("sparse_codes")
    app = open_page(PAGE)
    assert "--only sparse_codes" in app.error[0].value


def test_a_link_opens_the_same_view_and_nonsense_opens_the_defaults():
    app = open_with(PAGE, {"penalty": "1", "digit": "7", "example": "5"})
    assert app.segmented_control(key=keys.STRENGTH).value == 1.0
    assert app.selectbox(key=keys.DIGIT).value == 7 and app.number_input(key=keys.EXAMPLE).value == 5
    assert not notice(app)
    link = link_shown(app)
    assert link.startswith("/sparse_codes?") and "penalty=1" in link and "example=5" in link
    again = open_with(PAGE, dict(pair.split("=") for pair in link.split("?")[1].split("&")))
    assert image_urls(again) == image_urls(app)
    wrong = open_with(PAGE, {"penalty": "7", "digit": "12", "example": "0"})
    assert wrong.selectbox(key=keys.DIGIT).value == 3
    assert all(f"{name}={value}" in notice(wrong) for name, value in
               (("penalty", "7"), ("digit", "12"), ("example", "0")))
