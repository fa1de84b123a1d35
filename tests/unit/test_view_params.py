"""The parsing behind view links: a hand-edited query value becomes a setting, or is refused and named."""

import pytest

from explorer.core.view_link import (
    RefusedValue,
    ViewParam,
    format_value,
    named,
    parse_value,
    read_params,
    unknown_names,
    view_path,
)

K = ViewParam("k", "bottleneck_k", int, options=(2, 4, 8, 16))
BETA = ViewParam("beta", "lb_beta", float, options=(0.0, 0.5, 1.0, 4.0))
SEED = ViewParam("seed", "seed_key", int, low=0, high=10_000)
MODE = ViewParam("mode", "mode_key", options=("random", "digit"))
SHOW = ViewParam("random", "show_key", bool)
LEVEL = ViewParam("threshold", "t_key", float, low=0.0, high=0.5)


@pytest.mark.parametrize(("param", "raw", "value"), [
    (K, "8", 8), (K, " 16 ", 16), (BETA, "4", 4.0), (BETA, "0.5", 0.5), (SEED, "0", 0), (SEED, "10000", 10_000),
    (MODE, "digit", "digit"), (SHOW, "false", False), (SHOW, "1", True), (LEVEL, "0.25", 0.25),
])
def test_a_valid_value_is_the_setting(param, raw, value):
    parsed = parse_value(param, raw)
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize(("param", "raw"), [
    (K, "999"), (K, "8.5"), (K, "abc"), (K, ""), (BETA, "-3"), (BETA, "nan"), (SEED, "abc"), (SEED, "-1"),
    (SEED, "10001"), (SEED, "1e3"), (MODE, "worst'); drop"), (SHOW, "maybe"), (LEVEL, "inf"), (LEVEL, "0.6"),
])
def test_nonsense_is_refused(param, raw):
    with pytest.raises(RefusedValue):
        parse_value(param, raw)


@pytest.mark.parametrize(("param", "value"), [(K, 8), (BETA, 0.5), (SEED, 7), (MODE, "random"), (SHOW, False),
                                              (LEVEL, 0.0123)])
def test_a_formatted_setting_parses_back_to_itself(param, value):
    assert parse_value(param, format_value(value)) == value


def test_reading_a_query_sorts_settings_from_what_is_ignored():
    query = {"k": "999", "seed": "42", "beta": "-3", "colour": "red"}
    settings, ignored = read_params([K, SEED, BETA], query)
    assert settings == {"seed_key": 42}
    assert ignored == ["k=999", "beta=-3"]
    assert unknown_names([K, SEED, BETA], query) == ["colour=red"]


def test_the_path_of_a_view():
    assert view_path("app_pages/bottleneck.py", {"k": "8", "mode": "random"}) == "/bottleneck?k=8&mode=random"
    assert view_path("app_pages/vqvae.py", {}) == "/vqvae"


def test_a_long_value_is_cut_short_in_the_notice():
    assert named("k", "8") == "k=8"
    assert len(named("seed", "9" * 500)) == 30
