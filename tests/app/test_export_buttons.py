"""The downloads are built only when asked for: "Make GIF" builds the file, then a download button offers
it, and a rerun with the same settings offers the same bytes without a new click."""

import io

from PIL import Image

from explorer.topics.loss_balance.export import WALK_VALUES

PAGE = "app_pages/diffusion.py"


def test_make_gif_on_diffusion_builds_the_reverse_gif_then_offers_it(open_page):
    app = open_page(PAGE)
    assert not app.get("download_button")  # nothing built on opening
    make = app.button(key="export_diffusion_reverse_make")
    assert make.label == "Make GIF"
    make.click().run()
    assert not app.exception, app.exception
    downloads = app.get("download_button")
    assert len(downloads) == 1 and downloads[0].label.startswith("⬇ Download diffusion_reverse.gif")
    settings, made = app.session_state["export_diffusion_reverse"]
    gif = Image.open(io.BytesIO(made))
    assert gif.format == "GIF" and gif.n_frames == 31 and len(made) < 2 * 1024 * 1024

    app.number_input(key="diffusion_image").set_value(3).run()  # another forward digit: the reverse GIF stays
    assert len(app.get("download_button")) == 1 and app.session_state["export_diffusion_reverse"][1] is made
    app.number_input(key="diffusion_seed").set_value(1).run()  # new samples: the old GIF is no longer offered
    assert not app.get("download_button")
    assert app.button(key="export_diffusion_reverse_make").label == "Make GIF"


def test_every_page_makes_its_download_without_error(open_page):
    for page, key, kind in (("app_pages/bottleneck.py", "bottleneck_rows", "PNG"),
                            ("app_pages/latent_map.py", "latent_walk", "GIF"),
                            ("app_pages/loss_balance.py", "lb_sweep", "GIF"),
                            ("app_pages/diffusion.py", "diffusion_forward", "GIF"),
                            ("app_pages/diffusion.py", "diffusion_samples", "PNG")):
        app = open_page(page)
        app.button(key=f"export_{key}_make").click().run()
        assert not app.exception, (page, app.exception)
        assert Image.open(io.BytesIO(app.session_state[f"export_{key}"][1])).format == kind
        assert app.get("download_button")


def test_after_a_loss_balance_run_its_code_walk_gif_is_made(open_page):
    app = open_page("app_pages/loss_balance.py")
    app.slider(key="lb_epochs").set_value(1)
    app.select_slider(key="lb_beta").set_value(0.5).run()
    assert not app.exception, app.exception
    app.button(key="export_lb_code_walk_make").click().run()
    assert not app.exception, app.exception
    gif = Image.open(io.BytesIO(app.session_state["export_lb_code_walk"][1]))
    assert gif.format == "GIF" and gif.n_frames == len(WALK_VALUES)
