"""The Denoising page's sentences, written from the PSNR curves: each says what the numbers say."""

import numpy as np
import pytest

from explorer.topics.denoising.logic import Denoised, PsnrCurves
from explorer.topics.denoising.story import (
    at_levels,
    change_in_words,
    denoising_verdict,
    drops_around,
    levels_where_better,
    plain_verdict,
    shown_in_words,
)

LEVELS = [0.0, 0.1, 0.2, 0.3, 0.4]


def curves(noisy, plain, denoising, kind="gaussian") -> PsnrCurves:
    return PsnrCurves(levels=LEVELS, noisy={kind: noisy}, plain={kind: plain}, denoising={kind: denoising})


@pytest.mark.parametrize(("chosen", "words"), [
    ([], "at no level"),
    ([0.2], "at level 0.2"),
    ([0.1, 0.2], "at levels 0.1 and 0.2"),
    ([0.1, 0.2, 0.3], "at levels 0.1 to 0.3"),
    ([0.1, 0.3, 0.4], "at levels 0.1, 0.3 and 0.4"),
    ([0.0, 0.1, 0.2, 0.4], "at levels 0 to 0.2 and 0.4"),
])
def test_levels_read_as_runs(chosen, words):
    assert at_levels(chosen, LEVELS) == words


def test_better_means_a_higher_psnr_than_the_input_and_never_counts_level_zero():
    shipped = curves(noisy=[60, 20, 15, 12, 10], plain=[25, 18, 16, 12, 11], denoising=[22, 21, 19, 17, 15])
    assert levels_where_better(shipped, "plain", "gaussian") == [0.2, 0.4]  # a tie is not better
    assert levels_where_better(shipped, "denoising", "gaussian") == [0.1, 0.2, 0.3, 0.4]


def test_drops_around_a_level_and_a_level_at_the_end_refused():
    shipped = curves(noisy=[60] * 5, plain=[20] * 5, denoising=[22, 21, 19, 16, 15])
    assert drops_around(shipped, "gaussian", 0.2) == (2, 3)
    with pytest.raises(ValueError, match="no level on both sides"):
        drops_around(shipped, "gaussian", 0.4)


def test_the_plain_verdict_names_where_it_harms_and_where_it_helps():
    shipped = curves(noisy=[60, 20, 15, 12, 10], plain=[25, 14, 13, 13, 11], denoising=[22] * 5)
    text = plain_verdict(shipped, "gaussian", (0.12, 0.2))
    assert "makes things worse** at levels 0.1 and 0.2" in text
    assert "Only at levels 0.3 and 0.4 is the input itself so damaged" in text
    assert "averages 0.12 in the noisy input and 0.20 in the plain autoencoder's output" in text


def test_a_plain_ae_that_always_helps_gets_no_word_of_harm():
    shipped = curves(noisy=[60, 20, 15, 12, 10], plain=[25, 21, 18, 15, 13], denoising=[22] * 5, kind="masking")
    text = plain_verdict(shipped, "masking", (0.0, 0.0))
    assert text.startswith("**The plain autoencoder beats the noisy input** at every level of masking.")
    assert "worse" not in text and "averages" not in text


def test_the_denoising_verdict_follows_the_curve():
    shipped = curves(noisy=[60, 22, 17, 13, 11], plain=[23, 14, 11, 9, 8], denoising=[21, 21, 20, 18, 17])
    text = denoising_verdict(shipped, "gaussian", max_train_level=0.2)
    assert "beats the noisy input** at levels 0.2 to 0.4" in text
    assert "at level 0 it scores 21.0 dB, the plain autoencoder 23.0 dB" in text
    assert "Light Gaussian noise, at level 0.1, costs less than that blur" in text
    assert "1.0 dB over the step up to 0.2, 2.0 dB over the step to 0.3" in text
    everywhere = denoising_verdict(curves(noisy=[60, 12, 11, 10, 9], plain=[23] * 5, denoising=[21, 20, 19, 18, 17]),
                                   "gaussian", max_train_level=0.4)
    assert "at every level" in everywhere and "Light" not in everywhere and "step" not in everywhere


@pytest.mark.parametrize(("gain", "words"), [(7.94, "7.9 dB better"), (-3.66, "3.7 dB worse"), (0.01, "no better")])
def test_a_change_of_psnr_in_words(gain, words):
    assert change_in_words(gain) == words


def shown(noisy, plain, denoising) -> Denoised:
    images = np.zeros((2, 1, 28, 28), np.float32)
    return Denoised(images, images, images, images, np.array(noisy), np.array(plain), np.array(denoising))


def test_the_digits_on_screen_in_one_sentence():
    text = shown_in_words(shown([13.0, 14.0], [9.0, 10.6], [21.0, 21.8]), "Gaussian noise", 0.3)
    assert text.startswith("**Gaussian noise at level 0.3.**")
    assert text.endswith("- noisy input: **13.5 dB**\n- plain AE: **9.8 dB**, 3.7 dB worse than its input\n"
                         "- denoising AE: **21.4 dB**, 7.9 dB better")
    clean = shown_in_words(shown([60.0, 60.0], [23.0, 22.0], [21.0, 21.0]), "Gaussian noise", 0.0)
    assert clean.startswith("**No noise (level 0).**") and "noisy input" not in clean
    assert clean.endswith("- plain AE: **22.5 dB**\n- denoising AE: **21.0 dB**")
