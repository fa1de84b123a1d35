"""Inside the VAE in a real browser at 1366 x 768: a click on a dot moves the cloud and its numbers, and
"Draw another ε" moves the sample, each result in view without scrolling; a drawn digit gets its own cloud."""

import re

import pytest
from playwright.sync_api import expect

from scripts.app_process import wait_for_app
from tests.e2e.conftest import assert_in_view, screenshot, wait_for_charts
from tests.e2e.test_latent_map_in_browser import POINT_ON_SCREEN, image_captioned
from tests.e2e.test_own_digit_in_browser import draw_a_seven, open_own_digit
from tests.e2e.test_pages_in_browser import assert_no_exception

pytestmark = pytest.mark.e2e

PLOT = "[data-testid=stMain] .js-plotly-plot"
# Where the red sample and mu sit on a plot, read from Plotly's own data.
MARKERS = """plot => Object.fromEntries(plot._fullData.filter(t => t.hovertemplate && t.x.length === 1)
  .map(t => [t.hovertemplate.startsWith('μ') ? 'mu' : 'sample', [t.x[0], t.y[0]]]))"""


def open_page(page, app_url):
    page.goto(f"{app_url}/vae_posterior")
    page.get_by_text("The sample, step by step").wait_for()
    wait_for_charts(page, 2)
    wait_for_app(page)


def steps_table(page):
    return page.locator("[data-testid=stMarkdownContainer] table").first


def click_a_dot(page) -> int:
    """Click the test digit's dot with the most room round it on the whole plane; returns its number."""
    plot = page.locator(PLOT).first
    for _ in range(3):  # under load the plot can be drawn anew under the mouse: hover again
        x, y, custom = plot.evaluate(POINT_ON_SCREEN, ["test-digits", "isolated"])
        page.mouse.move(x, y)
        hover = plot.locator(".hoverlayer .hovertext", has_text=re.compile(rf"#{custom},"))
        try:
            hover.wait_for(timeout=10_000)
            break
        except Exception:
            page.mouse.move(0, 0)
    page.mouse.click(x, y)
    return int(custom)


def test_a_click_on_a_dot_moves_the_cloud_and_its_numbers(app_url, page):
    open_page(page, app_url)
    before = steps_table(page).inner_text()
    mu_before = page.locator(PLOT).nth(1).evaluate(MARKERS)["mu"]
    number = click_a_dot(page)
    page.get_by_text(f"for test digit #{number}, a ").wait_for(timeout=30_000)
    expect(steps_table(page)).not_to_have_text(before)
    wait_for_app(page)
    assert page.locator(PLOT).nth(1).evaluate(MARKERS)["mu"] != mu_before  # the close-up follows the new cloud
    assert_in_view(page, page.locator(PLOT).first, "the whole plane")
    assert_in_view(page, page.locator(PLOT).nth(1), "the close-up of the cloud")
    assert_in_view(page, steps_table(page), "the steps of the sample")
    assert_in_view(page, image_captioned(page, "decode of z"), "the decode of the sample")
    assert_no_exception(page)
    screenshot(page, "vae_posterior_fold", whole_page=False)


def test_another_epsilon_moves_the_sample_inside_the_cloud(app_url, page):
    open_page(page, app_url)
    z_row = steps_table(page).locator("tr").last
    before, where = z_row.inner_text(), page.locator(PLOT).nth(1).evaluate(MARKERS)
    page.get_by_role("button", name="Draw another ε").click()
    expect(z_row).not_to_have_text(before, timeout=30_000)
    wait_for_app(page)
    after = page.locator(PLOT).nth(1).evaluate(MARKERS)
    assert after["mu"] == where["mu"] and after["sample"] != where["sample"]
    assert "draw #2" in steps_table(page).inner_text()
    assert_in_view(page, z_row, "the sample's row")
    assert_no_exception(page)
    screenshot(page, "vae_posterior")


def test_a_drawn_digit_gets_its_own_cloud_and_sample(app_url, page):
    open_page(page, app_url)
    mu_before = page.locator(PLOT).nth(1).evaluate(MARKERS)["mu"]
    open_own_digit(page)
    draw_a_seven(page)  # the canvas sends the drawing on mouse-up: the page switches to the drawn digit
    page.get_by_text("The planes and the steps above show its cloud").wait_for(timeout=60_000)
    page.get_by_text("for your digit.").wait_for()
    wait_for_app(page)
    assert page.locator(PLOT).nth(1).evaluate(MARKERS)["mu"] != mu_before
    assert_no_exception(page)
    screenshot(page, "vae_posterior_own_digit")
