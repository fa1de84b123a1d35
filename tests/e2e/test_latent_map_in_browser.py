"""The Latent map page in a real browser: clicks on a data point, on empty space and on a random code."""

import re

import pytest

from scripts.app_process import wait_for_app
from tests.e2e.conftest import assert_in_view, screenshot
from tests.e2e.test_pages_in_browser import assert_no_exception

pytestmark = pytest.mark.e2e

# Finds, in the map's own Plotly data (_fullData: plotly.py sends numpy arrays base64-encoded, this
# holds them decoded), a point of the trace with this legend group that no other visible point
# crowds and the toolbar does not cover, so that the click cannot land on anything else.
# Returns its page pixels and its customdata.
POINT_ON_SCREEN = """(plot, [group, which]) => {
  const layout = plot._fullLayout, box = plot.getBoundingClientRect();
  const px = (trace, i) => [layout.xaxis.l2p(trace.x[i]), layout.yaxis.l2p(trace.y[i])];
  const trace = plot._fullData.find(t => t.legendgroup === group);
  let best = 0;
  if (which === 'isolated') {
    const others = plot._fullData.filter(t => t.legendgroup !== 'grid' && t.visible === true)
      .flatMap(t => Array.from(t.x, (_, i) => px(t, i)));
    let bestGap = -1;
    for (let i = 0; i < trace.x.length; i++) {
      const [x, y] = px(trace, i);
      if (y < 40) continue;  // under Plotly's toolbar, which would take the click
      const gap = Math.min(...others.map(([ox, oy]) => Math.hypot(ox - x, oy - y) || Infinity));
      if (gap > bestGap) { bestGap = gap; best = i; }
    }
  }
  const [x, y] = px(trace, best);
  return [box.left + layout.xaxis._offset + x, box.top + layout.yaxis._offset + y, trace.customdata[best]];
}"""


def click_point(page, map_number: int, group: str, which: str = "isolated"):
    """which: "isolated" (the point with the most room around it) or "first" (the trace's first point)."""
    plot = page.locator("[data-testid=stMain] .js-plotly-plot").nth(map_number)
    plot.scroll_into_view_if_needed()  # on the first screen already, unless a message pushed them down
    page.wait_for_timeout(200)
    x, y, custom = plot.evaluate(POINT_ON_SCREEN, [group, which])
    page.mouse.move(x, y)
    # Plotly reports the point of its hover state as the clicked one: wait until it hovers this point.
    label = {"grid": "empty spot"}.get(group, f"#{custom}")
    plot.locator(".hoverlayer .hovertext", has_text=re.compile(rf"{label}(?!\d)")).wait_for(timeout=10_000)
    page.mouse.click(x, y)
    return custom


def panel_images(page) -> list[str]:
    """Captions of the images on the page."""
    return page.locator("[data-testid=stImageCaption]").all_inner_texts()


def image_captioned(page, caption: str):
    """The element that holds the picture captioned `caption` (the caption's start) and the caption."""
    return page.locator("[data-testid=stElementContainer]").filter(
        has=page.locator("[data-testid=stImageCaption]", has_text=re.compile("^" + re.escape(caption)))).first


def assert_decodes_in_view(page, *captions: str) -> None:
    """On a 1366 x 768 screen a click's decodes show beside the maps, without scrolling."""
    for caption in captions:
        image = image_captioned(page, caption)
        image.wait_for(timeout=30_000)
        assert_in_view(page, image, f"the picture '{caption}'")


def test_clicks_on_a_point_an_empty_spot_and_a_random_code(app_url, page):
    page.goto(f"{app_url}/latent_map")
    page.get_by_text("Click a coloured dot", exact=False).wait_for()
    page.locator("[data-testid=stMain] .js-plotly-plot").nth(1).wait_for()
    wait_for_app(page)

    index = click_point(page, 0, "digit-3")
    page.get_by_text(f"Image #{index}, a 3").wait_for(timeout=30_000)
    wait_for_app(page)
    assert_decodes_in_view(page, "image", "AE", "VAE")
    screenshot(page, "latent_map_fold", whole_page=False)  # what a laptop shows: the maps and the click's result
    assert page.get_by_text(f"B: #{index}", exact=True).count() == 1  # the walk now ends at the dot

    # The grid's first cell is the map's bottom-left corner: nothing but empty space there.
    click_point(page, 1, "grid", "first")
    page.get_by_text("A spot on the VAE's map").wait_for(timeout=30_000)
    wait_for_app(page)
    assert_decodes_in_view(page, "VAE decode")
    assert "AE decode" not in panel_images(page)  # each map's spot is decoded by its own model only
    screenshot(page, "latent_map_spot", whole_page=False)

    number = click_point(page, 1, "random")  # the VAE's map: at k = 16 the AE's crosses are crowded by dots
    page.get_by_text(f"Random code #{number}", exact=False).first.wait_for(timeout=30_000)
    wait_for_app(page)
    assert_decodes_in_view(page, "AE decode", "VAE decode")
    assert page.get_by_text("its usual gap from the nearest real code").count() == 2

    second = click_point(page, 1, "digit-7")  # a second dot: the walk goes from the first to it
    page.get_by_text(f"B: #{second}", exact=True).wait_for(timeout=30_000)
    wait_for_app(page)
    assert page.get_by_text(f"A: #{index}", exact=True).count() == 1
    assert_no_exception(page)
    screenshot(page, "latent_map")
