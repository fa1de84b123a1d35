from explorer.ui.home import keys
from explorer.ui.shared.navigation import HOME, PAGES
from explorer.ui.shared.prediction_card import PREDICT_TITLE
from tests.app.conftest import image_urls


def test_home_explains_and_draws_a_real_autoencoder(open_page):
    app = open_page()
    assert app.title[0].value.endswith("Autoencoder Explorer")
    assert app.markdown[0].value.endswith("?")  # the page's question
    intro = next(md.value for md in app.markdown[1:] if not md.value.startswith(f"**{PREDICT_TITLE}"))
    assert "bottleneck" in intro
    assert len(image_urls(app)) == 1
    assert not app.error


def test_home_links_every_page_then_the_next_one(open_page):
    app = open_page()
    labels = [link.value for link in app.main.get("page_link")]
    assert len(labels) == len(PAGES) + 1  # every page, then "Next"
    for page, label in zip(PAGES, labels[:-1], strict=True):
        assert page.title in label
    assert labels[-1].startswith(f"**Next: {PAGES[0].title}**")


def test_the_lesson_path_lists_the_route_in_45_minutes(open_page):
    app = open_page()
    path = next(block.value for block in app.markdown if block.value.startswith("1. **Home**"))
    steps = [line for line in path.splitlines() if line[:1].isdigit()]
    assert [step.split("**")[1] for step in steps] == [page.title for page in (HOME, *PAGES) if page.lesson_minutes]
    assert sum(page.lesson_minutes for page in (HOME, *PAGES)) == 45


def test_another_digit_redraws_the_picture(open_page):
    app = open_page()
    before = image_urls(app)
    app.button(key=keys.NEXT).click().run()
    assert not app.exception
    assert image_urls(app) != before


def test_the_training_count_is_the_training_split(open_page):
    app = open_page()
    caption = next(c.value for c in app.caption if "trained in advance" in c.value)
    assert "trained in advance on 4,000 MNIST digits, the training part of the 5,000" in caption
