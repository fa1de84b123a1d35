"""The Latent map's live decode in a real browser: moving the pointer over each exact map changes both decoded
pictures at each of 10 points, with no script run and no message between browser and server while it moves; the
arrow keys move the cursor too. Where the weights cannot load, the panel says so and a click decodes as before.
It also saves the frames of the decode following the pointer (docs/live_decode/
when the README's pictures are refreshed)."""

import io
import os

import pytest

from scripts.app_process import wait_for_app
from tests.e2e.conftest import UPDATE_README_ENV, screenshot_folder
from tests.e2e.test_latent_map_in_browser import click_point

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

POINTS = 10
LIVE = "window.explorerLiveDecode"
PICTURES = """() => Array.from(document.querySelectorAll('.st-key-latent_live_decode *'))
  .flatMap(el => el.shadowRoot ? Array.from(el.shadowRoot.querySelectorAll('canvas')) : [])
  .map(canvas => canvas.toDataURL())"""


def frame_folder():
    if os.environ.get(UPDATE_README_ENV) == "1":
        folder = screenshot_folder().parent / "live_decode"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return screenshot_folder()


def save_frame(png: bytes, path) -> None:
    """A frame in 64 colours: the maps' shading and the digits stay readable at a third of the bytes."""
    from PIL import Image

    Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=64).save(path, optimize=True)


def hover_across(page, kind: str, frames: list | None = None) -> None:
    """Moves the pointer to 10 points across `kind`'s map; both pictures must change at every one."""
    plot = page.locator(f".st-key-latent_chart_{kind} .js-plotly-plot")
    area = plot.evaluate("p => [p.getBoundingClientRect().left + p._fullLayout.xaxis._offset, "
                         "p.getBoundingClientRect().top + p._fullLayout.yaxis._offset, "
                         "p._fullLayout.xaxis._length, p._fullLayout.yaxis._length]")
    left, top, width, height = area
    before = page.evaluate(PICTURES)
    assert len(before) == 2, "the live decode shows one picture per model"
    for step in range(POINTS):
        share = 0.1 + 0.8 * step / (POINTS - 1)
        decodes = page.evaluate(f"{LIVE}.decodes")
        page.mouse.move(left + share * width, top + (1 - share) * height * 0.9 + 0.05 * height, steps=2)
        page.wait_for_function(f"{LIVE}.decodes > {decodes}")
        now = page.evaluate(PICTURES)
        assert all(a != b for a, b in zip(before, now, strict=True)), f"a picture stayed the same at point {step}"
        before = now
        if frames is not None:
            frames.append(page.screenshot(clip={"x": 370, "y": 250, "width": 925, "height": 500}))


@pytest.mark.parametrize("k", ["2", "16"])
def test_the_pointer_decodes_on_each_exact_map_without_the_server(page, app_url, k):
    sent, received = [], []
    page.on("websocket", lambda socket: (socket.on("framesent", lambda frame: sent.append(frame)),
                                          socket.on("framereceived", lambda frame: received.append(frame))))
    page.goto(f"{app_url}/latent_map?k={k}&map={'latent' if k == '2' else 'pca'}")
    wait_for_app(page)
    page.wait_for_function(f"{LIVE} && {LIVE}.ready", timeout=60_000)
    page.wait_for_timeout(500)
    quiet_from = len(sent), len(received)
    assert min(quiet_from) > 0, "the socket's messages are not being counted"
    frames = [] if k == "2" else None
    for kind in ("ae", "vae"):
        hover_across(page, kind, frames if kind == "ae" else None)
    assert (len(sent), len(received)) == quiet_from, "the browser and the server spoke while the pointer moved"

    page.locator(".st-key-latent_live_decode").locator(".live-decode").focus()
    decodes = page.evaluate(f"{LIVE}.decodes")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"{LIVE}.decodes > {decodes}")
    if frames:
        for number, frame in enumerate(frames[::2], start=1):
            save_frame(frame, frame_folder() / f"live_decode_{number}.png")


@pytest.mark.parametrize("answer", [{"status": 404, "body": "blocked by the test"},
                                    {"status": 200, "body": "not the packed weights"}], ids=["missing", "broken"])
def test_where_the_weights_do_not_load_the_panel_says_so_and_a_click_still_decodes(page, app_url, answer):
    page.route("**/explorer-files/**", lambda route: route.fulfill(**answer))
    page.goto(f"{app_url}/latent_map?k=2&map=latent")
    wait_for_app(page)
    page.get_by_text("Live decoding could not start in this browser").first.wait_for(timeout=60_000)
    assert not page.evaluate(f"{LIVE}.ready")
    index = click_point(page, 0, "digit-3")
    page.get_by_text(f"Image #{index}, a 3").wait_for(timeout=30_000)
