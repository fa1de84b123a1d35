"""WCAG 2.1 AA in a real browser: axe-core (bundled by axe-playwright-python, nothing fetched) checks every page at
opening and after its main action, and the main action is done with the keyboard alone: Tab to the control (its
focus ring must show), then arrow keys, Enter or Space; no mouse. The browser asks for reduced motion throughout,
so nothing may move by itself. README, "Accessibility", writes down each page's keyboard path."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from explorer.ui.shared.anatomy import DEEPER_KEY, DEEPER_TITLE
from explorer.ui.shared.navigation import url_name
from scripts.app_process import wait_for_app
from tests.e2e.conftest import LAPTOP, PLOTLY_CHART, wait_for_charts
from tests.unit.bad_images import digit_picture, encode

pytestmark = pytest.mark.e2e

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
           "resultTypes": ["violations"]}
FAILING = ("serious", "critical")
OPENING = 240_000  # ms: a page's first open on a fresh server loads its models, on a busy 2-core machine
TABS = 90  # at most this many presses of Tab to reach a control: the sidebar's links come first


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options=WCAG_AA).response["violations"]
    return [f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['nodes'][0]['target']} "
            f"{v['nodes'][0].get('failureSummary', '')}" for v in found if v["impact"] in FAILING]


# Where the keyboard is: the focused element (inside a component's shadow root too), and the text of the widget
# around it (its label and value).
FOCUS = """() => { let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  const outside = el && (el.getRootNode().host || el);  // a shadow root's host: where the page's containers are
  const box = outside && outside.closest('[data-testid=stElementContainer], [data-testid=stPopoverBody]');
  return {tag: el ? el.tagName : '', role: el ? (el.getAttribute('role') || '') : '',
          className: el ? String(el.className) : '',
          text: el ? el.innerText || '' : '',
          around: box ? box.innerText : '', inCard: !!(el && el.closest('[data-testid=stPopoverBody]')),
          type: el ? (el.getAttribute('type') || '') : '',
          outline: el ? getComputedStyle(el).outlineStyle : 'none'}; }"""


def tab_to(page, wanted: Callable[[dict], bool], what: str) -> dict:
    """Press Tab until the focused element is `wanted`; its focus ring must show."""
    visited = []
    for _ in range(TABS):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if wanted(focus):
            assert focus["outline"] != "none", f"{what} has no visible focus"
            return focus
        visited.append(f"{focus['tag']} {focus['role']} {focus['text'][:20]!r} in {focus['around'][:40]!r}")
    raise AssertionError(f"{TABS} presses of Tab never reached {what}; they went to:\n" + "\n".join(visited))


def control(label: str) -> Callable[[dict], bool]:
    """The input of the widget labelled `label`: a text or number box, a slider's thumb, a select box."""
    return lambda focus: label in focus["around"] and focus["tag"] == "INPUT"


def button(text: str) -> Callable[[dict], bool]:
    return lambda focus: focus["tag"] == "BUTTON" and focus["text"].strip() == text


SIGNATURE = """() => { const main = document.querySelector('[data-testid=stMain]');
  return main.innerText + [...main.querySelectorAll('img')].map(img => img.alt + img.src).join('|'); }"""


def wait_for_change(page, before: str) -> None:
    """Until the page's text or pictures differ from `before` (its SIGNATURE), and it has settled."""
    page.wait_for_function(f"before => ({SIGNATURE})() !== before", arg=before, timeout=OPENING)
    wait_for_app(page, timeout=OPENING)


def press_and_wait(page, *keys: str) -> None:
    """Press `keys` where the focus is, then wait for the page's answer: its text or pictures change."""
    before = page.evaluate(SIGNATURE)
    for key in keys:
        page.keyboard.press(key)
    wait_for_change(page, before)


def choose_in_group(page, label: str, option: str) -> None:
    """A row of option buttons (Streamlit's segmented control) is one stop of Tab: reach it, move along it with
    the arrow keys to `option` (from the first), and press Enter."""
    before = page.evaluate(SIGNATURE)
    tab_to(page, lambda focus: focus["role"] == "radio" and label in focus["around"], f"the buttons of {label}")
    for _ in range(8):
        page.keyboard.press("ArrowLeft")
    for _ in range(12):
        if page.evaluate(FOCUS)["text"].strip() == option:
            page.keyboard.press("Enter")
            return wait_for_change(page, before)
        page.keyboard.press("ArrowRight")
    raise AssertionError(f"the arrow keys never reached {option} in {label}")


def home(page):
    tab_to(page, button("Show another digit"), "Show another digit")
    press_and_wait(page, "Enter")


def bottleneck(page):
    choose_in_group(page, "Code size", "8")
    page.get_by_text("Eight test digits through a code of k = 8").wait_for()


def inside_network(page):
    tab_to(page, control("Shift right by"), "the shift")
    press_and_wait(page, "ArrowRight")


def sparse_codes(page):
    choose_in_group(page, "Penalty λ", "0")


# The live decode's polite announcement: what the arrow keys last moved its cursor to.
SPOKEN = """() => { const host = [...document.querySelectorAll('.st-key-latent_live_decode *')].find(e => e.shadowRoot);
  const spoken = host && host.shadowRoot.querySelector('[aria-live]');
  return spoken ? {polite: spoken.getAttribute('aria-live') === 'polite', text: spoken.textContent} : null; }"""


def latent_map(page):
    """The keyboard's ways to a point of the map: the live decode's cursor, moved by an arrow key (the place it
    reaches is announced politely); and a measured walk, which picks two of them, A and B."""
    page.wait_for_function("window.explorerLiveDecode && window.explorerLiveDecode.ready", timeout=OPENING)
    tab_to(page, lambda focus: "live-decode" in focus["className"], "the live decode")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => ({SPOKEN})().text.includes('Under the cursor')")
    assert page.evaluate(SPOKEN)["polite"], "the live decode's readout is not announced politely"
    tab_to(page, control("Or pick a walk"), "the measured walks")
    press_and_wait(page, "ArrowDown", "ArrowDown", "Enter")


def denoising(page):
    tab_to(page, control("Noise level"), "the noise level")
    press_and_wait(page, "ArrowRight")


def anomaly(page):
    tab_to(page, control("Flag an image"), "the threshold")
    press_and_wait(page, "ArrowLeft", "ArrowLeft")


def loss_balance(page):
    tab_to(page, control("β, the weight of KL"), "β")
    press_and_wait(page, "ArrowLeft")


def vae_posterior(page):
    tab_to(page, control("Test digit"), "the test digit (a dot of the map)")
    press_and_wait(page, "ArrowUp", "Enter")  # a number box takes its value on Enter


def shapes(page):
    choose_in_group(page, "β of the shipped run", "β = 1")


def diffusion(page):
    """Key P plays the reverse steps; nothing played before it, as the browser asked for reduced motion."""
    label = "() => document.querySelector('.js-plotly-plot .slider-group > text.slider-label').textContent"
    wait_for_charts(page, 1, PLOTLY_CHART)
    assert page.evaluate(label) == "Finished samples"
    page.locator("body").press("p")
    page.wait_for_function(f"() => ({label})().startsWith('Step t = ')", timeout=30_000)
    page.wait_for_function(f"() => ({label})() === 'Finished samples'", timeout=60_000)


def vqvae(page):
    tab_to(page, control("Cell"), "the cell")
    press_and_wait(page, "ArrowDown", "ArrowDown", "Enter")
    tab_to(page, control("Token in this cell"), "the cell's token")
    token = int(page.evaluate("document.activeElement.value"))
    page.keyboard.press("Control+A")
    page.keyboard.type(str((token + 1) % 64))  # a new token, typed (the arrows stop at either end)
    press_and_wait(page, "Enter")


def own_dataset(page):
    tab_to(page, button("Use the example"), "Use the example")
    press_and_wait(page, "Enter")


@dataclass(frozen=True)
class Walk:
    path: str  # under the app's address
    main_action: Callable


WALKS = [Walk("", home), Walk("bottleneck", bottleneck), Walk("inside_network", inside_network),
         Walk("sparse_codes", sparse_codes), Walk("latent_map", latent_map), Walk("denoising", denoising),
         Walk("anomaly", anomaly), Walk("loss_balance", loss_balance), Walk("vae_posterior", vae_posterior),
         Walk("shapes", shapes), Walk("diffusion", diffusion), Walk("vqvae", vqvae), Walk("own_dataset", own_dataset)]


@pytest.fixture
def calm_page(browser):
    """A laptop's browser that asks for reduced motion."""
    context = browser.new_context(viewport=LAPTOP, reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(90_000)
    yield page
    context.close()


@pytest.mark.parametrize("walk", WALKS, ids=[walk.main_action.__name__ for walk in WALKS])
def test_a_page_has_no_serious_violation_at_opening_nor_after_its_main_action_by_keyboard(app_url, calm_page, walk):
    page = calm_page
    page.goto(f"{app_url}/{walk.path}")
    wait_for_app(page, timeout=OPENING, still_ms=1000)
    assert serious_violations(page) == [], f"{walk.path or 'home'} at opening"
    walk.main_action(page)
    assert serious_violations(page) == [], f"{walk.path or 'home'} after its main action"
    if page.locator(f".st-key-{DEEPER_KEY}").count():  # a closed Go deeper: opened by keyboard, then checked too
        before = page.evaluate(SIGNATURE)
        tab_to(page, lambda focus: focus["tag"] == "SUMMARY" and DEEPER_TITLE in focus["text"], "Go deeper")
        page.keyboard.press("Enter")
        wait_for_change(page, before)
        assert serious_violations(page) == [], f"{walk.path} with Go deeper open"


def test_a_prediction_card_and_an_uploaded_digit_by_keyboard(app_url, calm_page, tmp_path):
    """The card: open, choose, reveal; the own digit: open the expander, choose Upload, pick the file."""
    from PIL import Image

    photo = tmp_path / "my_seven.png"
    photo.write_bytes(encode(Image.fromarray(digit_picture(300))))
    page = calm_page
    page.goto(f"{app_url}/{url_name('app_pages/bottleneck.py')}")
    wait_for_app(page, timeout=OPENING, still_ms=1000)
    tab_to(page, lambda focus: focus["tag"] == "BUTTON" and "Predict first" in focus["text"], "Predict first")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Reveal").wait_for(timeout=OPENING)  # the card measures its answer first
    tab_to(page, lambda focus: focus["inCard"] and focus["type"] == "radio", "the card's first choice")
    page.keyboard.press("Space")
    page.get_by_role("button", name="Reveal").and_(page.locator(":enabled")).wait_for()
    tab_to(page, button("Reveal"), "Reveal")
    page.keyboard.press("Enter")
    page.get_by_text("✅").or_(page.get_by_text("❌")).first.wait_for(timeout=OPENING)
    assert serious_violations(page) == [], "the revealed card"
    page.keyboard.press("Escape")

    tab_to(page, lambda focus: "Your own digit" in focus["text"], "the own-digit expander")
    page.keyboard.press("Enter")
    tab_to(page, lambda focus: focus["type"] == "radio" and "Upload" in focus["around"], "Draw or Upload")
    page.keyboard.press("ArrowRight")  # Upload
    with page.expect_file_chooser() as chooser:
        tab_to(page, lambda focus: focus["tag"] == "BUTTON" and focus["text"].strip().endswith("Upload"),
               "the uploader's button")
        page.keyboard.press("Enter")
    chooser.value.set_files(str(photo))
    page.get_by_text("Your digit through a code of k =").wait_for(timeout=OPENING)
    wait_for_app(page, timeout=OPENING)
    assert serious_violations(page) == [], "after uploading a digit"
