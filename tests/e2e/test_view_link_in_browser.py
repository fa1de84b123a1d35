"""Every view is a link, in a real browser: a pasted link opens Bottleneck at its k, the link control shows
the full address, and nonsense in the URL opens the defaults with a notice that names it."""

import pytest

from explorer.ui.shared.view_link import LINK_TITLE
from scripts.app_process import wait_for_app
from tests.e2e.test_pages_in_browser import assert_no_exception

pytestmark = pytest.mark.e2e


def test_a_link_opens_bottleneck_at_its_k_and_shows_itself(app_url, page):
    page.goto(f"{app_url}/bottleneck?k=8&mode=random&seed=7")
    page.get_by_text("Eight test digits through a code of k = 8").wait_for()
    wait_for_app(page)
    assert_no_exception(page)
    assert "k=8" in page.url and "seed=7" in page.url
    page.get_by_role("button", name=LINK_TITLE).click()
    shown = page.locator("[data-testid=stPopoverBody] code").inner_text()
    assert shown.startswith(f"{app_url}/bottleneck?") and "k=8" in shown and "seed=7" in shown


def test_nonsense_in_the_url_opens_the_defaults_with_a_notice(app_url, page):
    page.goto(f"{app_url}/bottleneck?k=999&seed=abc")
    page.get_by_text("Eight test digits through a code of k = 16").wait_for()
    page.get_by_text("k=999").wait_for()  # the toast names what it ignored
    assert_no_exception(page)
    assert "k=999" not in page.url
