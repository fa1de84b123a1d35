"""The VQ-VAE page in a real browser: click a cell of the token grid, change its token, see the decode change."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from scripts.app_process import wait_for_app
from tests.e2e.conftest import assert_in_view, screenshot, wait_for_charts
from tests.e2e.test_pages_in_browser import assert_no_exception

pytestmark = pytest.mark.e2e

# The page pixel of a grid cell, from the chart's own axes (rows run down the y axis).
CELL_ON_SCREEN = """(plot, [row, column]) => {
  const layout = plot._fullLayout, box = plot.getBoundingClientRect();
  return [box.left + layout.xaxis._offset + layout.xaxis.l2p(column),
          box.top + layout.yaxis._offset + layout.yaxis.l2p(row)];
}"""


def decode_source(page) -> str:
    """The decode of the grid: its caption names it."""
    figure = page.locator("[data-testid=stImage]", has_text="decode of the grid")
    return figure.locator("img").get_attribute("src")


def click_cell(page, row: int, column: int, tries: int = 6) -> None:
    """Plotly reports the point of its hover state as the clicked one: hover this cell until Plotly shows it
    hovered, then click. On a busy machine the chart can be drawn again under a still mouse, which loses the
    hover: move off and back, from the chart's layout as it is now."""
    plot = page.locator("[data-testid=stMain] .js-plotly-plot").first
    hover = plot.locator(".hoverlayer .hovertext", has_text=f"row {row}, column {column}:")
    for attempt in range(tries):
        x, y = plot.evaluate(CELL_ON_SCREEN, [row, column])
        page.mouse.move(x - 3, y - 3)
        page.mouse.move(x, y)
        try:
            hover.wait_for(timeout=5_000)
        except PlaywrightTimeoutError:
            if attempt == tries - 1:
                raise
            continue
        page.mouse.click(x, y)
        return


def test_click_a_cell_and_change_its_token(app_url, page):
    page.goto(f"{app_url}/vqvae")
    page.get_by_text(": click a cell").wait_for(timeout=120_000)
    wait_for_app(page)
    wait_for_charts(page, 3)
    assert_no_exception(page)

    click_cell(page, 2, 4)
    page.get_by_text("Row 2, column 4.").wait_for(timeout=30_000)
    wait_for_app(page)
    code_input = page.get_by_role("spinbutton", name="Token in this cell")
    old = int(code_input.input_value())
    before = decode_source(page)

    new = (old + 9) % 64
    code_input.fill(str(new))
    code_input.press("Enter")
    page.get_by_text("1 of 49 edited").wait_for(timeout=30_000)
    wait_for_app(page)
    assert decode_source(page) != before
    assert page.locator(".js-plotly-plot").first.locator("text", has_text=str(new)).count() >= 1
    # the edit and what it did are on screen together, without scrolling
    assert_in_view(page, page.locator("[data-testid=stImage]", has_text="decode of the grid"), "the decode")
    assert_in_view(page, code_input, "the token input")
    assert_in_view(page, page.locator("[data-testid=stMain] .js-plotly-plot").nth(2), "the distances chart")
    assert_no_exception(page)
    screenshot(page, "vqvae", whole_page=False)

    page.get_by_role("button", name="Randomise").click()
    page.get_by_text("all 49 drawn at random").wait_for(timeout=30_000)
    wait_for_app(page)
    assert_no_exception(page)
