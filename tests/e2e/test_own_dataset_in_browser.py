"""A student uploads a data set of their own in a real browser, trains on it, and sees a bad upload refused."""

import re
import zipfile

import pytest

from scripts.app_process import wait_for_app
from tests.e2e.conftest import PLOTLY_CHART, assert_in_view, screenshot, wait_for_charts
from tests.e2e.test_pages_in_browser import assert_no_exception

pytestmark = pytest.mark.e2e

UPLOAD_INPUT = "[data-testid=stFileUploader] input[type=file]"


def shapes_zip(folder, count: int = 200):
    """A zip of `count` generated shapes as PNGs, one folder per shape, as a student would make one."""
    from explorer.core.shapes import sample_shapes
    from explorer.topics.own_dataset.example import png_bytes

    shapes = sample_shapes(count, seed=5)
    path = folder / "my_shapes.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for number, (image, factors) in enumerate(zip(shapes.images, shapes.factors, strict=True)):
            archive.writestr(f"my_shapes/{shapes.shape_names[int(factors[0])]}/{number}.png", png_bytes(image))
    return path


def open_page(app_url, page):
    page.goto(f"{app_url}/own_dataset")
    page.get_by_text("Upload a data set, or press").wait_for(timeout=120_000)
    wait_for_app(page)


def test_an_uploaded_zip_trains_to_a_finished_run_with_its_map(app_url, page, tmp_path):
    open_page(app_url, page)
    page.locator(UPLOAD_INPUT).set_input_files(str(shapes_zip(tmp_path)))
    page.get_by_text("my_shapes.zip · 200 images in 4 classes").wait_for(timeout=60_000)
    wait_for_app(page)
    assert page.get_by_text("heart", exact=True).count() >= 1  # the preview names its classes
    page.get_by_role("button", name="Train", exact=True).click()
    page.get_by_text("Finished 15 epochs (VAE, k = 8)").wait_for(timeout=120_000)
    wait_for_app(page)
    wait_for_charts(page, 1)
    assert page.locator(PLOTLY_CHART).count() == 1  # the map of the codes
    assert_in_view(page, page.get_by_text("Finished 15 epochs (VAE, k = 8)"), "the finished run's status")
    assert_in_view(page, page.get_by_test_id("stImageCaption").get_by_text("held-out images", exact=True),
                   "the held-out images")
    assert page.get_by_text("The codes after epoch 15").count() == 1
    assert_no_exception(page)
    screenshot(page, "own_dataset_fold", whole_page=False)
    screenshot(page, "own_dataset")


def test_a_corrupt_zip_is_refused_with_a_message_and_the_page_keeps_working(app_url, page, tmp_path):
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    open_page(app_url, page)
    page.locator(UPLOAD_INPUT).set_input_files(str(broken))
    page.get_by_text("broken.zip cannot be used").wait_for(timeout=60_000)
    wait_for_app(page)
    assert page.locator("[data-testid=stAlertContentError]").count() == 1
    assert_no_exception(page)
    page.get_by_role("button", name="Use the example").click()
    page.get_by_text("shapes_example.zip · 500 images in 4 classes").wait_for(timeout=60_000)
    assert_no_exception(page)


def test_moving_a_control_mid_run_stops_the_run_cleanly(app_url, page, tmp_path):
    open_page(app_url, page)
    # 5,000 pictures: 40 epochs take many seconds, so the run is surely still going when k moves (the 500
    # example shapes could finish all 40 between two steps of the test on a fast machine).
    page.locator(UPLOAD_INPUT).set_input_files(str(shapes_zip(tmp_path, count=5000)))
    page.get_by_text("my_shapes.zip · 5,000 images in 4 classes").wait_for(timeout=60_000)
    wait_for_app(page)
    code_size, epochs = page.get_by_role("slider").all()
    epochs.focus()
    page.keyboard.press("End")  # 40 epochs: a run long enough to move a control during it
    page.wait_for_function("() => document.querySelectorAll('[data-testid=stSliderThumbValue]')[1]"
                           "?.textContent === '40'")
    wait_for_app(page)
    page.get_by_role("button", name="Train", exact=True).click()
    page.get_by_text(re.compile(r"Epoch [2-9] of 40")).wait_for(timeout=60_000)
    code_size.focus()
    page.keyboard.press("ArrowRight")  # k 8 -> 16 while it trains
    page.get_by_text(re.compile(r"The run \(VAE, k = 8\) was stopped after epoch \d+")).wait_for(timeout=60_000)
    wait_for_app(page)
    assert page.get_by_text(re.compile(r"Epoch \d+ of 40")).count() == 0  # no longer training
    assert_no_exception(page)
