import re

import pytest

from explorer.ui.denoising import keys
from explorer.ui.shared.anatomy import DEEPER_TITLE, LOOK_FOR_TITLE
from tests.app.conftest import image_urls
from tests.app.own_digit import give_own_digit

PAGE = "app_pages/denoising.py"


def captions(app) -> list[str]:
    return [caption for image in app.get("image") for caption in image.captions]


def result_line(app) -> str:
    return next(md.value for md in app.markdown if "How close each" in md.value)


def mean_psnrs(app) -> list[float]:
    """The result line's mean PSNRs: noisy input, plain AE, DAE."""
    return [float(value) for value in re.findall(r"\*\*([\d.]+) dB\*\*", result_line(app))]


def test_opens_with_four_rows_of_digits_the_curve_and_the_diffusion_link(open_page):
    app = open_page(PAGE)
    assert app.radio(key=keys.KIND).value == "gaussian"
    assert app.select_slider(key=keys.LEVEL).value == 0.3
    assert len(image_urls(app)) == 28  # 7 clean, 7 noisy, 7 plain AE, 7 DAE
    assert sum(caption.endswith(" dB") for caption in captions(app)) == 21
    assert len(app.get("plotly_chart")) == 1
    assert result_line(app).startswith("**Gaussian noise at level 0.3.**")
    assert any("diffusion" in md.value for md in app.markdown)


def test_the_result_comes_before_what_to_look_for_and_the_rest_goes_deeper(open_page):
    """What this page adds to the all-pages anatomy test (tests/app/test_page_anatomy.py)."""
    app = open_page(PAGE)
    text = [md.value for md in app.markdown]
    assert text.index(result_line(app)) < next(i for i, value in enumerate(text) if LOOK_FOR_TITLE in value)
    assert not app.subheader and [e.label for e in app.expander if e.label == DEEPER_TITLE] == [DEEPER_TITLE]


def test_the_denoising_ae_beats_the_noisy_input_and_the_plain_ae(open_page):
    app = open_page(PAGE)
    noisy, plain, dae = mean_psnrs(app)
    assert dae > plain and dae > noisy
    better, worse = (float(change) for change in re.findall(r"([\d.]+) dB (?:better|worse)", result_line(app))[::-1])
    assert result_line(app).endswith(" dB better") and "dB worse than its input" in result_line(app)
    assert better == pytest.approx(dae - noisy, abs=0.11) and worse == pytest.approx(noisy - plain, abs=0.11)


def test_with_no_noise_the_line_says_the_input_is_the_clean_digit(open_page):
    app = open_page(PAGE)
    app.select_slider(key=keys.LEVEL).set_value(0.0).run()
    assert result_line(app).startswith("**No noise (level 0).** The input is the clean digit itself.")
    assert len(mean_psnrs(app)) == 2


def test_a_level_change_adds_noise_to_the_same_digits(open_page):
    app = open_page(PAGE)
    before, noisy_before = image_urls(app), mean_psnrs(app)[0]
    app.select_slider(key=keys.LEVEL).set_value(0.6).run()
    assert not app.exception
    after = image_urls(app)
    assert after[:7] == before[:7]  # the same clean digits
    assert all(a != b for a, b in zip(after[7:14], before[7:14], strict=True))
    assert mean_psnrs(app)[0] < noisy_before
    assert result_line(app).startswith("**Gaussian noise at level 0.6.**")


def test_each_noise_kind_draws_without_error(open_page):
    app = open_page(PAGE)
    for kind in ("salt_pepper", "masking", "gaussian"):
        app.radio(key=keys.KIND).set_value(kind).run()
        assert not app.exception and len(image_urls(app)) == 28


def test_the_students_own_digit_is_cleaned_right_under_the_widget(open_page):
    app = open_page(PAGE)
    give_own_digit(app)
    assert len(image_urls(app)) == 4 * 7 + 1 + 4  # the rows, the digit in the widget, and its own row of four
    assert captions(app)[-4:] == ["your digit", "noisy", "plain AE", "DAE"]
    assert any(md.value.startswith("**Your digit with Gaussian noise at level 0.3.** The denoising autoencoder (DAE) "
                                   "brings it to ") for md in app.markdown)


def test_a_corrupt_denoiser_is_named(open_page, cut_short):
    cut_short("denoising/denoise_dae.safetensors", keep=500)
    app = open_page(PAGE)
    assert "denoise_dae.safetensors" in app.error[0].value
    assert "python scripts/train_pretrained.py" in app.error[0].value


def test_the_text_says_what_the_curves_show_for_the_chosen_noise(open_page):
    app = open_page(PAGE)
    text = " ".join(md.value for md in app.markdown)
    assert "With Gaussian noise the plain autoencoder makes things worse** at levels 0.1 to 0.6" in text
    assert "diffusion step" in text and "one such step" not in text
    app.radio(key=keys.KIND).set_value("masking").run()
    text = " ".join(md.value for md in app.markdown)
    assert "The plain autoencoder beats the noisy input** at every level of masking" in text
    assert "The denoising autoencoder beats the noisy input** at every level" in text
