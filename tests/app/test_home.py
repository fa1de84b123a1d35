from explorer.ui.navigation import PAGES
from tests.app.conftest import image_urls


def test_home_explains_and_draws_a_real_autoencoder(open_page):
    app = open_page()
    assert app.title[0].value.endswith("Autoencoder Explorer")
    assert "bottleneck" in app.markdown[0].value
    assert len(image_urls(app)) == 1
    assert not app.error


def test_home_links_every_page(open_page):
    app = open_page()
    labels = [link.value for link in app.get("page_link")]
    assert len(labels) == len(PAGES)
    for page, label in zip(PAGES, labels, strict=True):
        assert page.title in label


def test_another_digit_redraws_the_picture(open_page):
    app = open_page()
    before = image_urls(app)
    app.button(key="home_next").click().run()
    assert not app.exception
    assert image_urls(app) != before


def test_the_training_count_is_the_training_split(open_page):
    app = open_page()
    assert "trained in advance on 4,000 MNIST digits, the training part of the 5,000" in app.caption[-1].value
