"""A student's clicks in a real browser against `streamlit run app.py`."""

import pytest

from explorer.ui.shared.navigation import PAGES
from scripts.app_process import open_deeper, wait_for_app
from tests.e2e.conftest import PLOTLY_CHART, assert_in_view, screenshot, wait_for_charts

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
    screenshot(page, "home_fold", whole_page=False)
    screenshot(page, "home")


def test_bottleneck_changing_k_changes_the_reconstructions(app_url, page):
    page.goto(f"{app_url}/bottleneck")
    page.get_by_text("Eight test digits through a code of k = 16").wait_for()
    wait_for_app(page)
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


def heatmap_image(chart) -> str:
    """The picture Plotly drew of a figure's first heatmap, as a data URI."""
    return chart.evaluate("e => e.querySelector('g.heatmaplayer image').href.baseVal")


def slider_label(chart) -> str:
    return chart.locator(".slider-group > text.slider-label").text_content()


def wait_for_a_new_picture(page, index: int, before: str) -> None:
    """Plotly draws the heatmap as a new picture on every frame: wait for one that differs from `before`."""
    page.wait_for_function(
        "([index, before]) => { const img = document.querySelectorAll('.js-plotly-plot')[index]"
        ".querySelector('g.heatmaplayer image'); return img && img.href.baseVal !== before; }",
        arg=[index, before], timeout=10_000)


def test_diffusion_opens_on_the_finished_samples_and_plays_from_static(app_url, page):
    page.goto(f"{app_url}/diffusion")
    wait_for_app(page, timeout=120_000)
    wait_for_charts(page, 1)
    reverse = page.locator(PLOTLY_CHART).nth(0)
    assert slider_label(reverse) == "Finished samples"  # not the first frame's static
    assert_in_view(page, reverse, "the finished samples and their Play button")
    assert_in_view(page, page.get_by_text("new digits from the static of seed 0"), "what the samples are")
    screenshot(page, "diffusion_fold", whole_page=False)
    open_deeper(page)
    page.get_by_text("Why latent diffusion is faster").wait_for(timeout=120_000)
    wait_for_charts(page, 4)
    assert page.locator(PLOTLY_CHART).count() == 4  # reverse, then under "Go deeper": forward, latent, quality
    forward = page.locator(PLOTLY_CHART).nth(1)
    screenshot(page, "diffusion")  # before Play: a shot taken mid-animation can catch a heatmap half drawn

    finished = heatmap_image(reverse)
    reverse.locator(".updatemenu-button").first.click()  # ▶ Play: from the first frame, static
    wait_for_a_new_picture(page, 0, finished)
    assert slider_label(reverse).startswith("Step t = ")
    page.wait_for_function(  # and it plays on to the samples again
        "() => document.querySelector('.js-plotly-plot .slider-group > text.slider-label').textContent"
        " === 'Finished samples'", timeout=30_000)
    assert heatmap_image(reverse) == finished

    before = heatmap_image(forward)
    forward.locator(".updatemenu-button").first.click()  # ▶ Play on the forward process
    wait_for_a_new_picture(page, 1, before)
    label = slider_label(forward)
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
        assert entries[2].strip().endswith(PAGES[1].title)  # the title, not the file name
        assert_no_exception(page)
    finally:
        stop_app(process)
