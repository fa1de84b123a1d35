from explorer.checkpoints.store import PretrainedStore
from explorer.topics.bottleneck.logic import error_curve
from explorer.ui.bottleneck import keys
from explorer.ui.shared.anatomy import DEEPER_TITLE, LOOK_FOR_TITLE
from tests.app.conftest import image_urls
from tests.app.own_digit import give_own_digit

PAGE = "app_pages/bottleneck.py"


def result_line(app) -> str:
    return next(md.value for md in app.markdown if md.value.startswith("**Eight test digits through a code"))


def test_opens_with_images_curve_and_explanation(open_page):
    app = open_page(PAGE)
    k = app.segmented_control(key=keys.K)
    assert k.value == 16 and k.options == ["2", "4", "8", "16", "32", "64"]  # every size in view, not on a drag
    assert len(image_urls(app)) == 24  # 8 originals, 8 AE, 8 PCA
    assert len(app.get("plotly_chart")) == 1
    assert any("PCA is the linear autoencoder" in md.value for md in app.markdown)
    assert "16 numbers for 784 pixels, 49× smaller" in result_line(app)


def test_the_result_says_the_error_ratio_in_words_from_the_manifest(open_page):
    store = PretrainedStore()
    curve = error_curve(store)
    ae, pca = curve.ae_mse[curve.ks.index(16)], curve.pca_mse[curve.ks.index(16)]
    app = open_page(PAGE)
    assert f"the autoencoder's error is {ae / pca:.0%} of PCA's (MSE {ae:.4f} against {pca:.4f})" in result_line(app)


def test_the_result_comes_before_what_to_look_for_and_the_rest_goes_deeper(open_page):
    """What this page adds to the all-pages anatomy test (tests/app/test_page_anatomy.py)."""
    app = open_page(PAGE)
    text = [md.value for md in app.markdown]
    look = next(i for i, value in enumerate(text) if LOOK_FOR_TITLE in value)
    assert text.index(result_line(app)) < look
    assert not app.subheader and [e.label for e in app.expander if e.label == DEEPER_TITLE] == [DEEPER_TITLE]


def test_the_text_says_what_a_linear_code_is_and_what_the_best_one_spans(open_page):
    app = open_page(PAGE)
    text = " ".join(md.value for md in app.markdown)
    assert "*linear* means" in text and "Baldi and Hornik (1989)" in text and "*invertible* mix" in text
    assert "exactly PCA's first k components" not in text
    assert "- **Tiny k** (2, 4)" in text and "- **Large k** (32, 64)" in text  # the shipped sizes, in thirds
    assert "**MSE** (mean squared error)" in text


def test_moving_k_changes_reconstructions_and_figures(open_page):
    app = open_page(PAGE)
    before = image_urls(app)
    app.segmented_control(key=keys.K).set_value(2).run()
    assert not app.exception
    after = image_urls(app)
    assert after[:8] == before[:8]  # the same test digits
    assert all(a != b for a, b in zip(after[8:], before[8:], strict=True))
    assert "through a code of k = 2: 2 numbers for 784 pixels, 392× smaller" in result_line(app)


def test_each_selection_mode_shows_eight_digits(open_page):
    app = open_page(PAGE)
    app.selectbox(key=keys.MODE).set_value("digit").run()
    app.selectbox(key=keys.DIGIT).set_value(7).run()
    captions = [caption for image in app.get("image") for caption in image.captions]
    assert captions[:8] == ["digit 7"] * 8
    app.selectbox(key=keys.MODE).set_value("worst").run()
    assert not app.exception and len(image_urls(app)) == 24
    app.selectbox(key=keys.MODE).set_value("random").run()
    first = image_urls(app)
    app.number_input(key=keys.SEED).set_value(9).run()
    assert image_urls(app)[:8] != first[:8]


def test_a_corrupt_model_file_is_named_and_other_sizes_still_work(open_page, cut_short):
    cut_short("bottleneck/ae_k8.safetensors", keep=1000)

    app = open_page(PAGE)
    assert not app.error  # k = 16 is intact
    app.segmented_control(key=keys.K).set_value(8).run()
    assert not app.exception
    message = app.error[0].value
    assert "ae_k8.safetensors" in message and "python scripts/train_pretrained.py" in message
    app.segmented_control(key=keys.K).set_value(4).run()
    assert not app.error and len(image_urls(app)) == 24


def test_a_missing_manifest_is_explained(open_page, tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLORER_PRETRAINED_DIR", str(tmp_path))
    app = open_page(PAGE)
    assert "manifest.json" in app.error[0].value


def test_the_students_own_digit_goes_through_the_same_code(open_page):
    app = open_page(PAGE)
    give_own_digit(app)
    assert len(image_urls(app)) == 24 + 1 + 3  # the widget's digit, then original, AE and PCA
    placement = next(md.value for md in app.markdown if "Your digit through a code of k = 16" in md.value)
    assert "looks like a **" in placement and "Its reconstruction error (MSE): autoencoder 0.0" in placement
