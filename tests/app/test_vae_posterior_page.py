"""Inside the VAE: each control (the test digit's number, a click on a dot, another ε, the own digit), and a
broken shipped file named on the page."""

from explorer.ui.vae_posterior import keys
from tests.app.conftest import image_urls
from tests.app.own_digit import give_own_digit

PAGE = "app_pages/vae_posterior.py"
CODES = "latent_map/map_vae_k2_codes.npz"


def text(app) -> str:
    return " ".join(md.value for md in app.markdown)


def steps(app) -> str:
    """The table of the reparameterisation's steps."""
    return next(md.value for md in app.markdown if md.value.startswith("| step |"))


def z_row(app) -> str:
    return steps(app).splitlines()[-1]


def decode_of_z(app) -> str:
    return next(url for image in app.get("image") for caption, url in zip(image.captions, image.value, strict=True)
                if caption == "decode of z")


def test_opens_on_test_digit_0_with_both_planes_the_steps_and_the_samples(open_page):
    app = open_page(PAGE)
    assert app.number_input(key=keys.DIGIT).value == 0
    assert app.toggle(key=keys.USE_OWN).disabled  # no digit of the student's yet
    assert len([chart for chart in app.get("plotly_chart")]) == 2
    assert "for test digit #0, a " in text(app)
    assert all(name in steps(app) for name in ("μ", "log σ²", "σ = exp(½ log σ²)", "ε, draw #1", "z = μ + σ·ε"))
    assert "In proportion:" in text(app) and "more draws from the same cloud" in text(app)
    assert len(app.get("graphviz_chart")) == 1 and "(N(μ, σ²) ‖ N(0, 1))" in text(app)
    assert len(image_urls(app)) == 3 + 9  # the digit, the decodes of mu and z; mu and the eight draws


def test_a_new_test_digit_number_moves_the_cloud(open_page):
    app = open_page(PAGE)
    before, z_before = steps(app), decode_of_z(app)
    app.number_input(key=keys.DIGIT).set_value(500).run()
    assert not app.exception
    assert "for test digit #500, a " in text(app)
    assert steps(app) != before and decode_of_z(app) != z_before
    assert "draw #1" in steps(app)  # the same ε, on the new digit's cloud


def test_a_click_on_a_dot_sets_the_test_digit(open_page):
    app = open_page(PAGE)
    app.session_state[keys.DIGIT] = 321  # what the chart's on_select callback writes (clicked_digit)
    app.run()
    assert not app.exception and "for test digit #321, a " in text(app)
    assert app.query_params["digit"] == ["321"] or app.query_params["digit"] == "321"


def test_another_epsilon_moves_only_the_sample(open_page):
    app = open_page(PAGE)
    rows = steps(app).splitlines()
    app.button(key=keys.ANOTHER).click().run()
    assert not app.exception
    again = steps(app).splitlines()
    assert again[2:5] == rows[2:5]  # mu, log sigma^2 and sigma stay
    assert "draw #2" in again[5] and again[5] != rows[5] and again[6] != rows[6]  # eps and z move
    assert app.session_state[keys.DRAW] == 2


def test_the_own_digit_shows_its_own_cloud_and_a_test_digit_takes_over_again(open_page):
    app = open_page(PAGE)
    give_own_digit(app, index=3)
    toggle = app.toggle(key=keys.USE_OWN)
    assert not toggle.disabled and "Switch on **Use my own digit**" in text(app)
    toggle.set_value(True).run()
    assert not app.exception and "for your digit." in text(app) and "The planes and the steps above show" in text(app)
    app.number_input(key=keys.DIGIT).set_value(7).run()  # a test digit chosen: back to it
    assert "for test digit #7, a " in text(app) and app.toggle(key=keys.USE_OWN).value is False


def test_broken_codes_are_named_and_the_page_still_works(open_page, cut_short):
    cut_short(CODES, keep=300)
    app = open_page(PAGE)
    assert any("map_vae_k2_codes.npz" in error.value for error in app.error)
    assert "for test digit #0, a " in text(app) and len(app.get("plotly_chart")) == 2


def test_broken_weights_are_named_and_the_page_stops_cleanly(open_page, cut_short):
    cut_short("latent_map/map_vae_k2.safetensors", keep=300)
    app = open_page(PAGE)
    assert any("map_vae_k2.safetensors" in error.value for error in app.error)
    assert not app.get("plotly_chart")
