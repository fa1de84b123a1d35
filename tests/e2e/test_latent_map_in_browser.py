"""The Latent map page in a real browser: clicks on a data point, on empty space and on a random code."""

import re

import pytest

from scripts.app_process import wait_for_app
from tests.e2e.conftest import screenshot
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
    plot.scroll_into_view_if_needed()  # the maps sit below the sampling strips, past the first screen
    page.wait_for_timeout(200)
    x, y, custom = plot.evaluate(POINT_ON_SCREEN, [group, which])
    page.mouse.move(x, y)
    # Plotly reports the point of its hover state as the clicked one: wait until it hovers this point.
    label = {"grid": "empty spot"}.get(group, f"#{custom}")
    plot.locator(".hoverlayer .hovertext", has_text=re.compile(rf"{label}(?!\d)")).wait_for(timeout=10_000)
    page.mouse.click(x, y)
    return custom


def panel_images(page) -> list[str]:
    """Captions of the images under 'What you clicked'."""
    return page.locator("[data-testid=stImageCaption]").all_inner_texts()


def test_clicks_on_a_point_an_empty_spot_and_a_random_code(app_url, page):
    page.goto(f"{app_url}/latent_map")
    page.get_by_text("What you clicked", exact=True).wait_for()
    page.locator("[data-testid=stMain] .js-plotly-plot").nth(1).wait_for()
    wait_for_app(page)

    index = click_point(page, 0, "digit-3")
    page.get_by_text(f"image #{index}: a 3").wait_for(timeout=30_000)
    page.get_by_text("AE decode", exact=True).wait_for()
    page.get_by_text("VAE decode", exact=True).wait_for()
    wait_for_app(page)
    screenshot(page, "latent_map")

    # The grid's first cell is the map's bottom-left corner: nothing but empty space there.
    click_point(page, 1, "grid", "first")
    page.get_by_text("decode of the spot", exact=False).first.wait_for(timeout=30_000)
    wait_for_app(page)
    captions = panel_images(page)
    assert any(c.startswith("AE decode of the spot") for c in captions)
    assert any(c.startswith("VAE decode of the spot") for c in captions)
    assert page.get_by_text("from the nearest real code").count() == 2

    number = click_point(page, 0, "random")
    page.get_by_text(f"AE decode of random code #{number}", exact=True).wait_for(timeout=30_000)
    page.get_by_text(f"VAE decode of random code #{number}", exact=True).wait_for()
    wait_for_app(page)
    assert_no_exception(page)
