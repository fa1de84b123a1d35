"""Lesson links: `lock` fixes chosen controls at the link's values, drawn fixed and marked; `presenter` and
`class` outlive a page switch; none of them is reported as ignored; nonsense falls back with the notice."""

import pytest
from streamlit.testing.v1 import AppTest

from explorer.core.lesson_link import parse_class, parse_lock
from explorer.ui.bottleneck import keys as bottleneck_keys
from explorer.ui.denoising import keys as denoising_keys
from explorer.ui.shared.anatomy import DEEPER_TITLE
from explorer.ui.shared.lesson_link import CLASS_KEY, PRESENTER_KEY
from explorer.ui.shared.view_link import LOCK_MARK
from explorer.ui.sparse_codes import keys as sparse_codes_keys
from tests.app.test_view_links import CASES, link_shown, notice, open_with, widget

BOTTLENECK = "app_pages/bottleneck.py"


def switch_by_sidebar(app: AppTest, page: str) -> AppTest:
    """Go to `page` as the sidebar does: the browser drops the query string."""
    for name in list(app.query_params):
        del app.query_params[name]
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def query(app: AppTest) -> dict[str, str]:
    return {name: value[0] if isinstance(value, list) else value for name, value in app.query_params.items()}


def assert_fixed(app: AppTest, kind: str, key: str, value) -> None:
    control = widget(app, kind, key)
    assert control.value == value, key
    if kind != "state":
        assert control.disabled, f"{key} is locked but can be changed"
        assert control.label.startswith(LOCK_MARK) and "lesson link" in control.help, key


@pytest.mark.parametrize("name", CASES)
def test_a_lesson_link_draws_its_locked_controls_fixed_at_its_values_in_presenter_mode(name):
    page, link, expected, _, _ = CASES[name]
    lockable = [param for param in link if param not in ("a", "b")]  # a walk's ends are set by clicks, no control
    app = open_with(page, {**link, "lock": ",".join(lockable), "presenter": "true"})
    assert not notice(app)
    assert [e for e in app.expander if e.label == DEEPER_TITLE], "Go deeper is not folded"
    for (kind, key), value in expected.items():
        assert_fixed(app, kind, key, value)
    assert parse_lock(query(app)["lock"]) == lockable


def test_a_lock_locks_only_what_it_names():
    app = open_with(BOTTLENECK, {"k": "8", "mode": "random", "seed": "7", "lock": "k"})
    assert_fixed(app, "segmented_control", bottleneck_keys.K, 8)
    assert not app.number_input(key=bottleneck_keys.SEED).disabled
    assert not app.selectbox(key=bottleneck_keys.MODE).label.startswith(LOCK_MARK)
    arrows = (app.button(key=f"{bottleneck_keys.K}_{arrow}") for arrow in ("next", "previous"))
    assert all(arrow.disabled for arrow in arrows)


def test_a_refused_lock_falls_back_unlocked_and_is_named():
    app = open_with(BOTTLENECK, {"k": "999", "lock": "k,colour"})
    k = app.segmented_control(key=bottleneck_keys.K)
    assert k.value == 16 and not k.disabled and not k.label.startswith(LOCK_MARK)
    assert all(part in notice(app) for part in ("k=999", "lock=k", "lock=colour"))
    assert "lock" not in app.query_params


def test_a_walk_end_cannot_be_locked_and_the_notice_says_so():
    app = open_with("app_pages/latent_map.py", {"a": "3", "lock": "a"})
    assert "lock=a" in notice(app) and "lock" not in app.query_params


def test_a_locked_page_comes_back_locked_after_a_page_switch():
    app = open_with(BOTTLENECK, {"k": "8", "lock": "k"})
    switch_by_sidebar(app, "app_pages/denoising.py")
    assert "lock" not in app.query_params and not app.radio(key=denoising_keys.KIND).disabled
    switch_by_sidebar(app, BOTTLENECK)
    assert_fixed(app, "segmented_control", bottleneck_keys.K, 8)
    assert query(app)["lock"] == "k" and query(app)["k"] == "8"
    assert not notice(app)


def test_presenter_mode_and_the_class_outlive_a_page_switch_and_are_never_ignored():
    app = open_with(BOTTLENECK, {"k": "8", "presenter": "true", "class": "room-12_b"})
    assert not notice(app)
    assert app.session_state[PRESENTER_KEY] and app.session_state[CLASS_KEY] == "room-12_b"
    switch_by_sidebar(app, "app_pages/denoising.py")
    assert app.toggle(key=PRESENTER_KEY).value and app.session_state[CLASS_KEY] == "room-12_b"
    assert query(app)["presenter"] == "true" and query(app)["class"] == "room-12_b"
    assert "presenter=true" in link_shown(app) and not notice(app)
    app.toggle(key=PRESENTER_KEY).set_value(False).run()  # the switch turns it off, and the URL follows
    app.run()
    assert not app.toggle(key=PRESENTER_KEY).value and "presenter" not in app.query_params


@pytest.mark.parametrize("raw", ["a b", "x" * 33, "", "<script>", "é"])
def test_a_bad_class_id_is_refused_with_the_notice(raw):
    app = open_with(BOTTLENECK, {"class": raw})
    assert CLASS_KEY not in app.session_state and "class=" in notice(app)
    assert "class" not in app.query_params


def test_the_panel_makes_a_lesson_link_that_opens_as_made():
    app = open_with(BOTTLENECK, {"k": "4", "mode": "digit", "digit": "3"})
    lock = next(pills for pills in app.get("button_group") if pills.key and pills.key.startswith("lesson_panel_lock"))
    lock.set_value(["k", "digit"]).run()
    app.checkbox(key="lesson_panel_tally_bottleneck").check().run()
    app.toggle(key="lesson_panel_presenter_bottleneck").set_value(True).run()
    made = app.get("code")[-2].value
    path, _, text = made.partition("?")
    assert path == "/bottleneck"
    made_query = dict(pair.split("=") for pair in text.split("&"))
    assert made_query["lock"] == "k,digit" and made_query["presenter"] == "true"
    assert parse_class(made_query["class"]) == made_query["class"]
    opened = open_with(BOTTLENECK, made_query)
    assert_fixed(opened, "segmented_control", bottleneck_keys.K, 4)
    assert_fixed(opened, "selectbox", bottleneck_keys.DIGIT, 3)
    assert not opened.selectbox(key=bottleneck_keys.MODE).disabled
    assert opened.session_state[CLASS_KEY] == made_query["class"] and not notice(opened)


def test_the_arrow_buttons_step_k():
    app = open_with(BOTTLENECK, {"k": "8"})
    ks = app.segmented_control(key=bottleneck_keys.K).options
    position = [str(k) for k in ks].index("8")
    app.button(key=f"{bottleneck_keys.K}_next").click().run()
    assert str(app.segmented_control(key=bottleneck_keys.K).value) == str(ks[position + 1])
    app.button(key=f"{bottleneck_keys.K}_previous").click().run()
    app.button(key=f"{bottleneck_keys.K}_previous").click().run()
    assert str(app.segmented_control(key=bottleneck_keys.K).value) == str(ks[position - 1])


def test_home_makes_a_lesson_link_to_any_page():
    app = open_with("app_pages/home.py", {})
    app.selectbox(key="lesson_panel_page").set_value("app_pages/denoising.py").run()
    app.toggle(key="lesson_panel_presenter_home").set_value(True).run()
    assert app.get("code")[-2].value == "/denoising?presenter=true"


def test_sparse_codes_locks_its_controls():
    app = open_with("app_pages/sparse_codes.py", {"digit": "5", "example": "2", "lock": "digit,example"})
    assert_fixed(app, "selectbox", sparse_codes_keys.DIGIT, 5)
    assert_fixed(app, "number_input", sparse_codes_keys.EXAMPLE, 2)
    assert not app.segmented_control(key=sparse_codes_keys.STRENGTH).disabled and not notice(app)
