"""The lesson route in a real browser at 1366 x 768: the sidebar in course order, each page's "next" link
leading to the next page, and text on every page large and dark enough to read from the back of a room."""

import re
from pathlib import Path

import pytest

from explorer.ui.shared.navigation import HOME, PAGES
from explorer.ui.shared.style import SMALLEST_TEXT_PX
from scripts.app_process import wait_for_app
from tests.e2e.test_pages_in_browser import assert_no_exception

pytestmark = pytest.mark.e2e

READ_TEXT = """([selectors]) => {
  const seen = [];
  for (const element of document.querySelectorAll(selectors)) {
    const box = element.getBoundingClientRect();
    const text = (element.textContent || '').trim();
    if (!text || box.width === 0 || box.height === 0) continue;
    const widget = element.closest('[data-testid=stSlider], [data-testid=stNumberInput]');
    const disabled = element.closest('button:disabled, [aria-disabled=true], [disabled]')
      || (widget && widget.querySelector('[aria-disabled=true], [disabled]'));
    if (disabled) continue;  // a control switched off is greyed on purpose
    const style = getComputedStyle(element);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    seen.push({text: text.slice(0, 40), size: parseFloat(style.fontSize), color: style.color,
               opacity: parseFloat(style.opacity), fill: style.fill});
  }
  return seen;
}"""
CHART_TEXT = ".js-plotly-plot .xtick text, .js-plotly-plot .ytick text, .js-plotly-plot .legendtext"
PAGE_TEXT = ("[data-testid=stCaptionContainer], [data-testid=stImageCaption], [data-testid=stMetricLabel], "
             "[data-testid=stWidgetLabel] p, [data-testid=stMarkdownContainer] p")


def contrast_on_white(color: str) -> float:
    """WCAG contrast ratio of an rgb()/rgba() colour against a white page (alpha blended onto white)."""
    parts = [float(part) for part in color[color.index("(") + 1 : -1].split(",")]
    red, green, blue, alpha = (*parts, 1.0)[:4]
    channels = [(alpha * value + (1 - alpha) * 255) / 255 for value in (red, green, blue)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_contrast_reads_black_white_and_grey():
    assert contrast_on_white("rgb(0, 0, 0)") == pytest.approx(21)
    assert contrast_on_white("rgb(255, 255, 255)") == pytest.approx(1)
    assert contrast_on_white("rgba(49, 51, 63, 0.6)") < 4.5  # Streamlit's caption grey: too pale


def assert_readable(page, title: str) -> None:
    texts = page.evaluate(READ_TEXT, [f"{CHART_TEXT}, {PAGE_TEXT}"])
    assert texts, f"no text found on {title}"
    small = [text for text in texts if text["size"] < SMALLEST_TEXT_PX]
    assert not small, f"{title}: text under {SMALLEST_TEXT_PX} px: {small[:5]}"
    # SVG text is coloured by fill, HTML text by color
    pale = [text for text in texts
            if contrast_on_white(text["fill"] if text["fill"].startswith("rgb") and text["color"] == "rgb(0, 0, 0)"
                                 else text["color"]) * text["opacity"] < 4.5]
    assert not pale, f"{title}: pale text: {pale[:5]}"


def test_the_sidebar_is_the_route_and_every_next_link_walks_it(app_url, page):
    page.goto(app_url)
    page.get_by_role("heading", name="Autoencoder Explorer").wait_for()
    entries = [entry.strip() for entry in page.locator("[data-testid=stSidebarNav] a").all_inner_texts()]
    assert [entry.split(maxsplit=1)[-1] for entry in entries] == [spec.title for spec in (HOME, *PAGES)]

    for following in PAGES:
        wait_for_app(page)
        page.wait_for_timeout(1_000)  # charts draw after the script run
        assert_no_exception(page)
        assert_readable(page, page.title())
        link = page.locator("[data-testid=stPageLink]").last
        assert f"Next: {following.title}," in link.inner_text()
        link.click()
        # the page's settings may follow in the query string, written by its first run
        page.wait_for_url(re.compile(rf"/{Path(following.path).stem}(\?.*)?$"), timeout=120_000)
    page.get_by_text("That is the end of the route").wait_for(timeout=120_000)
    wait_for_app(page)
    page.wait_for_timeout(1_000)
    assert_readable(page, PAGES[-1].title)
