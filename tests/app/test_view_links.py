"""Every view is a link: each page reads its settings from the URL, writes them back, and opens at its
defaults, with a notice naming what it ignored, when a hand-edited URL holds nonsense."""

import pytest
from streamlit.testing.v1 import AppTest

from explorer.ui.anomaly import keys as anomaly_keys
from explorer.ui.bottleneck import keys as bottleneck_keys
from explorer.ui.denoising import keys as denoising_keys
from explorer.ui.diffusion import keys as diffusion_keys
from explorer.ui.inside_network import keys as inside_network_keys
from explorer.ui.latent_map import keys as latent_map_keys
from explorer.ui.vae_posterior import keys as vae_posterior_keys
from explorer.ui.vqvae import keys as vqvae_keys
from tests.app.conftest import fresh_server, image_urls, new_session


def open_with(page: str, query: dict[str, str]) -> AppTest:
    """A fresh session that opens `page` with `query` in its URL, as a pasted link does."""
    fresh_server()
    app = new_session()
    app.query_params.update(query)
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def notice(app: AppTest) -> str:
    return " ".join(toast.value for toast in app.toast)


def link_shown(app: AppTest) -> str:
    return app.get("code")[-1].value


def test_bottleneck_round_trip_gives_the_same_pictures():
    app = open_with("app_pages/bottleneck.py", {"k": "8", "mode": "random", "seed": "7"})
    assert app.segmented_control(key=bottleneck_keys.K).value == 8
    assert app.number_input(key=bottleneck_keys.SEED).value == 7
    assert not notice(app)
    assert app.query_params["k"] == ["8"] or app.query_params["k"] == "8"
    link = link_shown(app)
    assert link.startswith("/bottleneck?") and "k=8" in link and "seed=7" in link and "digit" not in link
    again = open_with("app_pages/bottleneck.py", dict(pair.split("=") for pair in link.split("?")[1].split("&")))
    assert image_urls(again) == image_urls(app)


def test_a_box_set_by_a_link_starts_from_the_links_value_in_the_browser():
    """The browser draws a number box from its default before the value the run set: many tabs opening at once
    left boxes on 0 while the page showed the link's seed (docs/benchmarks.md, the classroom benchmark)."""
    app = open_with("app_pages/bottleneck.py", {"mode": "random", "seed": "7"})
    box = app.number_input(key=bottleneck_keys.SEED)
    assert box.proto.default == 7 and box.value == 7
    box.set_value(9).run()
    assert app.number_input(key=bottleneck_keys.SEED).value == 9  # the box still follows the student afterwards
    assert not app.exception and not app.warning


def test_bottleneck_bad_values_open_at_defaults_with_a_notice():
    app = open_with("app_pages/bottleneck.py", {"k": "999", "seed": "abc", "colour": "red"})
    assert app.segmented_control(key=bottleneck_keys.K).value == 16
    assert "k=999" in notice(app) and "seed=abc" in notice(app) and "colour=red" in notice(app)
    assert "colour" not in app.query_params


# page, a link's query, {widget kind and key: value the page must open with}, a nonsense query, its defaults
CASES = {
    "denoising": ("app_pages/denoising.py", {"noise": "salt_pepper", "level": "0.5"},
                  {("radio", denoising_keys.KIND): "salt_pepper", ("select_slider", denoising_keys.LEVEL): 0.5},
                  {"noise": "lava", "level": "-3"}, {("radio", denoising_keys.KIND): "gaussian"}),
    "diffusion": ("app_pages/diffusion.py", {"sampler": "ddim", "steps": "20", "seed": "42"},
                  {("radio", diffusion_keys.SAMPLER): "ddim", ("select_slider", diffusion_keys.STEPS): 20,
                   ("number_input", diffusion_keys.SEED): 42},
                  {"steps": "7", "seed": "abc", "sampler": "magic"}, {("number_input", diffusion_keys.SEED): 0}),
    "anomaly": ("app_pages/anomaly.py", {"digit": "7", "images": "normal"},
                {("selectbox", anomaly_keys.DIGIT): 7, ("selectbox", anomaly_keys.INSPECT): "normal"},
                {"digit": "11", "threshold": "-1"}, {("selectbox", anomaly_keys.DIGIT): 0}),
    "latent_map": ("app_pages/latent_map.py", {"k": "2", "random": "false", "draws": "12345", "a": "3", "b": "40"},
                   {("radio", latent_map_keys.K): "2", ("toggle", latent_map_keys.SHOW_RANDOM): False,
                    ("state", latent_map_keys.FRESH_SEED): 12345, ("state", latent_map_keys.WALK_A): 3,
                    ("state", latent_map_keys.WALK_B): 40},
                   {"k": "999", "map": "ouija", "draws": "0", "a": "-1"},
                   {("toggle", latent_map_keys.SHOW_RANDOM): True}),
    "loss_balance": ("app_pages/loss_balance.py", {"beta": "4.0", "epochs": "5"},
                     {("select_slider", "lb_beta"): 4.0, ("slider", "lb_epochs"): 5},
                     {"beta": "-3", "epochs": "1000"}, {("select_slider", "lb_beta"): 1.0,
                                                        ("slider", "lb_epochs"): 15}),
    "vae_posterior": ("app_pages/vae_posterior.py", {"digit": "42", "draw": "7"},
                      {("number_input", vae_posterior_keys.DIGIT): 42, ("state", vae_posterior_keys.DRAW): 7},
                      {"digit": "1000", "draw": "-1"}, {("number_input", vae_posterior_keys.DIGIT): 0,
                                                        ("state", vae_posterior_keys.DRAW): 1}),
    "vqvae": ("app_pages/vqvae.py", {"digit": "12"}, {("number_input", vqvae_keys.DIGIT): 12},
              {"digit": "-5", "zoom": "2"}, {("number_input", vqvae_keys.DIGIT): 0}),
    "shapes": ("app_pages/shapes.py", {"beta": "16", "start": "heart", "run_beta": "8", "epochs": "3"},
               {("segmented_control", "shapes_beta"): 16.0, ("selectbox", "shapes_start"): "heart",
                ("select_slider", "shapes_live_beta"): 8.0, ("slider", "shapes_live_epochs"): 3},
               {"beta": "3", "start": "circle", "epochs": "99"},
               {("segmented_control", "shapes_beta"): 4.0, ("selectbox", "shapes_start"): "square"}),
    "inside_network": ("app_pages/inside_network.py",
                       {"digit": "3", "example": "4", "shift": "2", "channels": "numbered", "first": "9"},
                       {("selectbox", inside_network_keys.DIGIT): 3, ("number_input", inside_network_keys.EXAMPLE): 4,
                        ("select_slider", inside_network_keys.SHIFT): 2,
                        ("selectbox", inside_network_keys.CHANNELS): "numbered",
                        ("number_input", inside_network_keys.FIRST): 9},
                       {"shift": "9", "example": "0", "channels": "loudest"},
                       {("select_slider", inside_network_keys.SHIFT): 0,
                        ("number_input", inside_network_keys.EXAMPLE): 1}),
    "own_dataset": ("app_pages/own_dataset.py", {"placement": "resize", "model": "ae", "k": "16", "epochs": "5"},
                    {("radio", "own_placement"): "resize", ("radio", "own_model"): "ae",
                     ("select_slider", "own_latent"): 16, ("slider", "own_epochs"): 5},
                    {"model": "gan", "k": "3", "epochs": "0"}, {("radio", "own_model"): "vae",
                                                                 ("select_slider", "own_latent"): 8,
                                                                 ("slider", "own_epochs"): 15}),
}


class Stored:
    def __init__(self, value):
        self.value = value


def widget(app: AppTest, kind: str, key: str):
    """The widget of that kind and key, or ("state") the session state a link sets without a widget."""
    return Stored(app.session_state[key]) if kind == "state" else getattr(app, kind)(key=key)


def assert_settings(app: AppTest, settings: dict) -> None:
    for (kind, key), value in settings.items():
        assert widget(app, kind, key).value == value, key


@pytest.mark.parametrize("name", CASES)
def test_a_link_opens_the_page_at_its_settings_and_says_them_again(name):
    page, query, expected, _, _ = CASES[name]
    app = open_with(page, query)
    assert_settings(app, expected)
    assert not notice(app)
    link = link_shown(app)
    assert all(f"{param}={value}" in link for param, value in query.items()), link
    again = open_with(page, dict(pair.split("=") for pair in link.split("?")[1].split("&")))
    assert_settings(again, expected)
    assert image_urls(again) == image_urls(app)


@pytest.mark.parametrize("name", CASES)
def test_nonsense_in_a_link_opens_the_defaults_and_names_what_was_ignored(name):
    page, _, _, nonsense, defaults = CASES[name]
    app = open_with(page, nonsense)
    assert_settings(app, defaults)
    for param, value in nonsense.items():
        assert f"{param}={value}" in notice(app)
    assert link_shown(app).startswith("/" + page.removeprefix("app_pages/").removesuffix(".py"))
    for param, value in nonsense.items():  # the URL is cleaned too: the defaults, or nothing, in its place
        assert app.query_params.get(param) not in (value, [value]), param


def test_a_latent_map_link_with_one_end_of_the_walk_starts_the_measured_walk():
    measured = open_with("app_pages/latent_map.py", {})
    app = open_with("app_pages/latent_map.py", {"a": "3"})
    assert app.session_state[latent_map_keys.WALK_A] == measured.session_state[latent_map_keys.WALK_A]
    assert app.session_state[latent_map_keys.WALK_B] == measured.session_state[latent_map_keys.WALK_B]
