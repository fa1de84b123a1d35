"""A student presses "Make GIF" on the Diffusion page and downloads a real animated GIF."""

import io

import pytest
from PIL import Image

from explorer.topics.diffusion.logic import FORWARD_FRAMES
from scripts.app_process import open_deeper, wait_for_app

pytestmark = pytest.mark.e2e


def test_diffusion_forward_gif_downloads_and_opens_with_pillow(app_url, page):
    page.goto(f"{app_url}/diffusion")
    wait_for_app(page)
    open_deeper(page)
    page.get_by_text("Forward: how a digit is turned into static").wait_for()
    make = page.locator(".st-key-export_diffusion_forward_make").get_by_role("button", name="Make GIF")
    make.scroll_into_view_if_needed()
    make.click()
    download_button = page.locator(".st-key-export_diffusion_forward_download").get_by_role("button", name="Download")
    download_button.wait_for()
    with page.expect_download() as caught:
        download_button.click()
    download = caught.value
    assert download.suggested_filename == "diffusion_forward_0_linear.gif"
    data = open(download.path(), "rb").read()
    gif = Image.open(io.BytesIO(data))
    assert gif.format == "GIF" and gif.n_frames == FORWARD_FRAMES and len(data) < 2 * 1024 * 1024
    assert page.locator("[data-testid=stException]").count() == 0
