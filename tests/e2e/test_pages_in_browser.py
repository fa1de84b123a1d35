"""A student's clicks in a real browser against `streamlit run app.py`."""

import pytest

from scripts.app_process import wait_for_app
from tests.e2e.conftest import assert_in_view, screenshot, wait_for_charts

pytestmark = pytest.mark.e2e


def image_sources(page) -> list[str]:
    return page.locator("[data-testid=stMain] [data-testid=stImage] img").evaluate_all(
        "imgs => imgs.map(img => img.getAttribute('src'))"
    )


def assert_no_exception(page) -> None:
    assert page.locator("[data-testid=stException]").count() == 0


def test_home_draws_a_real_autoencoder_and_links_every_page(app_url, page):
    page.goto(app_url)
    page.get_by_role("heading", name="Autoencoder Explorer").wait_for()
    page.get_by_text("A real pass through the shipped autoencoder").wait_for()
    page.locator("[data-testid=stMain] [data-testid=stImage] img").first.wait_for()  # may trail the caption
    wait_for_app(page)
    assert len(image_sources(page)) == 1  # the encoder -> code -> decoder picture
    assert page.locator("[data-testid=stPageLink]").count() >= 1
    assert_no_exception(page)
    screenshot(page, "home")


def test_bottleneck_changing_k_changes_the_reconstructions(app_url, page):
    page.goto(f"{app_url}/bottleneck")
    page.get_by_text("Eight test digits through a code of k = 16").wait_for()
    wait_for_app(page)
    page.locator(".js-plotly-plot").first.wait_for()
    before = image_sources(page)
    assert len(before) == 24  # 8 originals, 8 AE, 8 PCA

    page.get_by_test_id("stButtonGroup").get_by_role("radio", name="8", exact=True).click()  # 16 -> 8
    page.get_by_text("Eight test digits through a code of k = 8").wait_for()
    wait_for_app(page)
    after = image_sources(page)

    assert after[:8] == before[:8]  # the same originals
    assert all(a != b for a, b in zip(after[8:], before[8:], strict=True))  # new AE and PCA images
    # the result of the click, the sentence and all three rows, shows on a laptop screen without scrolling
    assert_in_view(page, page.get_by_text("Eight test digits through a code of k = 8"), "the result line")
    assert_in_view(page, page.locator("[data-testid=stMain] [data-testid=stImage]").nth(23), "the PCA row")
    screenshot(page, "bottleneck_fold", whole_page=False)
    assert_no_exception(page)
    screenshot(page, "bottleneck")


def forward_image(page) -> str:
    """The picture Plotly drew of the forward figure's x_t heatmap, as a data URI."""
    return page.locator(".js-plotly-plot").first.evaluate("e => e.querySelector('g.heatmaplayer image').href.baseVal")


def test_diffusion_play_animates_the_forward_process_in_the_browser(app_url, page):
    page.goto(f"{app_url}/diffusion")
    page.get_by_text("Why latent diffusion is faster").wait_for(timeout=120_000)
    wait_for_app(page)
    wait_for_charts(page, 4)
    assert page.locator(".js-plotly-plot").count() == 4
    screenshot(page, "diffusion")

    before = forward_image(page)
    page.locator(".js-plotly-plot").first.locator(".updatemenu-button").first.click()  # ▶ Play
    # Plotly redraws the heatmap as a new picture on every frame: wait for one that differs
    changed = page.wait_for_function(
        "([before]) => { const img = document.querySelector('.js-plotly-plot g.heatmaplayer image');"
        " return img && img.href.baseVal !== before ? img.href.baseVal : null; }", arg=[before], timeout=10_000)
    assert changed.json_value() != before
    label = page.locator(".js-plotly-plot").first.locator(".slider-group > text.slider-label").text_content()
    assert label.startswith("Step t = ") and label != "Step t = 0"
    assert_no_exception(page)


def test_a_page_url_opened_first_on_a_fresh_server_keeps_the_apps_navigation(page):
    """A student who follows a shared link straight to a page gets the app's titles and layout."""
    from scripts.app_process import free_port, start_app, stop_app, wait_until_healthy

    port = free_port()
    process = start_app(port)
    try:
        wait_until_healthy(port, process)
        page.goto(f"http://127.0.0.1:{port}/bottleneck")
        page.get_by_text("Eight test digits through a code of k = 16").wait_for()
        entries = page.locator("[data-testid=stSidebarNav] a").all_inner_texts()
        assert [entry.split()[-1] if entry.split() else "" for entry in entries][:2] == ["Home", "Bottleneck"]
        assert entries[2].strip().endswith("Latent map")  # the title, not the file name "latent map"
        assert_no_exception(page)
    finally:
        stop_app(process)
