"""A student's own digit in a real browser: uploaded on Denoising, drawn on Bottleneck, used on both."""

import pytest

from scripts.app_process import wait_for_app
from tests.e2e.conftest import screenshot
from tests.e2e.test_pages_in_browser import assert_no_exception, image_sources
from tests.unit.bad_images import BAD_FILES, digit_picture, encode

pytestmark = pytest.mark.e2e


def wait_for_images(page, count: int) -> None:
    """Text can show before a rerun's images do: wait until `count` digits are on the page."""
    page.wait_for_function(
        f"() => document.querySelectorAll('[data-testid=stMain] [data-testid=stImage] img').length >= {count}",
        timeout=60_000)
    wait_for_app(page)


def open_own_digit(page) -> None:
    page.get_by_text("Your own digit: draw one or upload a picture").click()


def test_an_uploaded_picture_becomes_a_digit_that_the_denoising_page_uses(app_url, page, tmp_path):
    from PIL import Image

    photo = tmp_path / "my_seven.png"
    photo.write_bytes(encode(Image.fromarray(digit_picture(300))))
    page.goto(f"{app_url}/denoising")
    page.get_by_text("Gaussian noise at level 0.3").wait_for()
    wait_for_images(page, 28)
    assert len(image_sources(page)) == 28
    screenshot(page, "denoising")

    open_own_digit(page)
    page.get_by_text("Upload", exact=True).click()
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(photo))
    page.get_by_text("your digit", exact=True).first.wait_for()
    wait_for_images(page, 33)
    assert len(image_sources(page)) == 28 + 4 + 1  # a column of 4 for the digit, and its 28 x 28 picture
    page.get_by_text("Dark ink on a light background was inverted").wait_for()
    assert_no_exception(page)
    screenshot(page, "denoising_own_digit")

    page.locator("[data-testid=stSidebarNav] a", has_text="nomaly").click()  # same session, so the digit stays
    page.get_by_text("Every test image's reconstruction error").wait_for()
    page.get_by_text("to the model that never saw").wait_for()
    wait_for_app(page)
    assert_no_exception(page)
    screenshot(page, "anomaly")

    page.locator("[data-testid=stSidebarNav] a", has_text="Latent map").click()
    page.get_by_text("Where does your digit land?").wait_for()
    wait_for_app(page)
    assert page.get_by_text("the yellow star").count() == 2  # one line per model
    assert_no_exception(page)
    screenshot(page, "latent_map_own_digit")


def test_a_file_that_is_not_an_image_gets_a_message(app_url, page, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_bytes(BAD_FILES["not_an_image.txt"][0])
    page.goto(f"{app_url}/anomaly")
    page.get_by_text("Every test image's reconstruction error").wait_for()
    wait_for_app(page)
    open_own_digit(page)
    page.get_by_text("Upload", exact=True).click()
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(bad))
    page.get_by_text("not an image that can be read").wait_for()
    assert_no_exception(page)


# Fabric.js renders a finished stroke on the next animation frame: wait for light pixels on the canvas.
INKED = """c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] > 128) n++; return n > 1000; }"""


def draw_a_seven(page) -> None:
    """A stroke on the drawing canvas: the bar of a 7, then the stroke down.

    The mouse draws by page coordinates, and only where the page is on screen. So everything must have
    stopped moving before the canvas is scrolled into view: images above it that load late push it down,
    out of the viewport, where a stroke reaches nothing (the canvas then sends nothing and the page waits
    in vain for the digit).
    """
    events = page.locator("canvas.upper-canvas")  # Fabric.js listens on the top canvas, draws on the lower one
    drawing = page.locator("canvas.lower-canvas.dc-canvas")
    events.wait_for()
    wait_for_app(page)  # images loaded, the expander open, the component sized
    events.scroll_into_view_if_needed()
    size = events.bounding_box()["width"]
    events.hover(position={"x": 0.3 * size, "y": 0.2 * size})  # checks that the canvas is still and takes the mouse
    box = events.bounding_box()
    page.mouse.down()
    for fx, fy in ((0.7, 0.2), (0.45, 0.85)):
        page.mouse.move(box["x"] + fx * size, box["y"] + fy * size, steps=12)
    page.mouse.up()
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    try:
        page.wait_for_function(INKED, arg=drawing.element_handle(), timeout=10_000)
    except PlaywrightTimeoutError:
        pytest.fail("the stroke did not land on the drawing canvas")


def test_a_digit_drawn_on_the_canvas_goes_through_the_bottleneck(app_url, page):
    page.goto(f"{app_url}/bottleneck")
    page.get_by_text("Eight test digits through a code of k = 16").wait_for()
    wait_for_app(page)
    open_own_digit(page)
    draw_a_seven(page)  # the canvas sends the drawing on mouse-up (after a 200 ms debounce): the script reruns
    page.get_by_text("Your digit through a code of k = 16").wait_for(timeout=60_000)
    wait_for_app(page)
    assert_no_exception(page)
    page.get_by_text("Your own digit: draw one or upload a picture").scroll_into_view_if_needed()
    screenshot(page, "own_digit", whole_page=False)  # the widget where it sits, not the whole page
