import numpy as np
import pytest
from sklearn.metrics import precision_score, recall_score, roc_auc_score, roc_curve

from explorer.models import ConvAE, ConvAEConfig
from explorer.models.inference import per_image_mse, reconstruct
from explorer.topics.anomaly.by_digit import errors_by_digit, ink, ink_against_normal
from explorer.topics.anomaly.figures import error_against_ink_figure
from explorer.topics.anomaly.logic import at_threshold, default_threshold, error_maps, most_anomalous, roc
from explorer.topics.anomaly.story import (
    digits_list,
    hardest_to_flag,
    ranked_caption,
    threshold_in_words,
    why_it_fails,
    why_it_works,
)


@pytest.fixture
def scored():
    rng = np.random.default_rng(0)
    is_anomaly = rng.random(400) < 0.2
    scores = np.round(rng.normal(is_anomaly * 1.0, 1.0), 1)  # rounding makes many ties
    return scores, is_anomaly


def test_roc_and_auc_match_scikit_learn(scored):
    scores, is_anomaly = scored
    ours = roc(scores, is_anomaly)
    fpr, tpr, thresholds = roc_curve(is_anomaly, scores, drop_intermediate=False)
    np.testing.assert_allclose(ours.false_positive_rate, fpr)
    np.testing.assert_allclose(ours.true_positive_rate, tpr)
    np.testing.assert_allclose(ours.thresholds[1:], thresholds[1:])
    assert ours.auc == pytest.approx(roc_auc_score(is_anomaly, scores), abs=1e-12)
    assert 0.6 < ours.auc < 0.9


def test_a_perfect_score_has_auc_one_and_a_reversed_one_zero():
    is_anomaly = np.array([False, False, True, True])
    assert roc(np.array([0.1, 0.2, 0.8, 0.9]), is_anomaly).auc == 1.0
    assert roc(np.array([0.9, 0.8, 0.2, 0.1]), is_anomaly).auc == 0.0


def test_roc_needs_both_classes():
    with pytest.raises(ValueError, match="both"):
        roc(np.array([0.1, 0.2]), np.array([True, True]))


@pytest.mark.parametrize("threshold", [-1.0, 0.5, 1.2, 5.0])
def test_precision_and_recall_match_scikit_learn(scored, threshold):
    scores, is_anomaly = scored
    result = at_threshold(scores, is_anomaly, threshold)
    flagged = scores >= threshold
    assert result.flagged == flagged.sum()
    assert result.recall == pytest.approx(recall_score(is_anomaly, flagged))
    assert result.precision == pytest.approx(precision_score(is_anomaly, flagged, zero_division=1.0))
    assert result.false_positive_rate == pytest.approx((flagged & ~is_anomaly).sum() / (~is_anomaly).sum())


def test_default_threshold_flags_five_percent_of_normal_images(scored):
    scores, is_anomaly = scored
    result = at_threshold(scores, is_anomaly, default_threshold(scores, is_anomaly))
    assert 0.02 < result.false_positive_rate <= 0.08  # ties around the quantile move it a little


def test_most_anomalous_ranks_highest_first():
    np.testing.assert_array_equal(most_anomalous(np.array([0.3, 0.9, 0.1, 0.5]), 3), [1, 3, 0])


def test_error_maps_average_to_each_image_mse():
    from explorer.core.data import load_bundled_mnist

    model = ConvAE(ConvAEConfig(latent_dim=4, channels=(8, 16))).eval()
    images = load_bundled_mnist().test_images[:5]
    maps = error_maps(model, images)
    assert maps.pixel_errors.shape == (5, 28, 28) and maps.pixel_errors.min() >= 0
    np.testing.assert_allclose(maps.scores, per_image_mse(images, reconstruct(model, images)), rtol=1e-5)


@pytest.fixture
def inky_errors():
    """Three digits, 2 held out; error grows with ink among the normal ones, and normal 8s outscore the 2s."""
    labels = np.array([1, 1, 2, 2, 8, 8])
    image_ink = np.array([0.05, 0.07, 0.10, 0.12, 0.20, 0.22])
    scores = np.array([0.010, 0.012, 0.030, 0.032, 0.040, 0.050])
    return scores, labels, image_ink


def test_ink_is_the_mean_pixel_value():
    images = np.zeros((2, 1, 28, 28), np.float32)
    images[1, 0, :14] = 1.0
    np.testing.assert_allclose(ink(images), [0.0, 0.5])


def test_errors_by_digit_summarises_each_digit(inky_errors):
    by_digit = errors_by_digit(*inky_errors, held_out=2)
    np.testing.assert_array_equal(by_digit.digits, [1, 2, 8])
    np.testing.assert_allclose(by_digit.mean_error, [0.011, 0.031, 0.045])
    assert by_digit.error_of(2) == pytest.approx(0.031)
    assert by_digit.normal_mean_error == pytest.approx(0.028)
    assert by_digit.ink_of(2) == pytest.approx(0.11 / 0.135)
    assert by_digit.normal_digits_above_unseen == [8]
    assert (by_digit.inkiest_normal, by_digit.thinnest_normal, by_digit.worst_normal) == (8, 1, 8)
    assert by_digit.ink_error_correlation == pytest.approx(1.0)  # two normal digits: a line
    assert (by_digit.normal_images, by_digit.normal_above_unseen) == (4, 2)  # the two 8s
    assert by_digit.ink_of_normal_above_unseen == pytest.approx(0.21 / 0.135)


def test_ink_against_normal_of_nothing_is_zero(inky_errors):
    _, labels, image_ink = inky_errors
    assert ink_against_normal(image_ink, np.array([], int), labels == 2) == 0.0
    assert ink_against_normal(image_ink, np.array([4, 5]), labels == 2) == pytest.approx(0.21 / 0.135)


def test_the_story_is_written_from_the_numbers(inky_errors):
    by_digit = errors_by_digit(*inky_errors, held_out=2)
    assert "0.0310" in why_it_works(by_digit) and "0.0280" in why_it_works(by_digit)
    fails = why_it_fails(by_digit, 784)
    assert "784 pixels" in fails and "Normal 8s average more error than the unseen 2s" in fails
    assert "0.0450" in fails and "0.0110" in fails  # the inkiest and the thinnest normal digit
    assert "2 of the 4 normal images score above the 2s' mean error, and they carry 1.6 times the ink" in fails
    assert "Ink is not all of it" not in fails  # the inkiest normal digit has the most error
    alone = why_it_fails(errors_by_digit(*inky_errors, held_out=8), 784)
    assert "No normal digit averages as much error as the unseen 8s" in alone
    scores, labels, image_ink = inky_errors
    thin_but_worst = why_it_fails(errors_by_digit(scores[::-1], labels, image_ink, held_out=2), 784)
    assert "the normal digit with the most error is 1 (0.0450), not the inkiest" in thin_but_worst
    hardest = hardest_to_flag({0: 0.9, 2: 0.6, 7: 0.95}, by_digit)
    assert "never saw 2s separates worst (AUC 0.600; 0.900 without 0s, 0.950 without 7s)" in hardest
    assert "0.81 times the ink" in hardest  # 0.11 against the 1s' and 8s' 0.135
    with pytest.raises(ValueError, match="lowest AUC"):
        hardest_to_flag({0: 0.9, 2: 0.95, 7: 0.6}, by_digit)


def test_the_ranked_caption_names_the_normal_digits_among_the_highest_errors():
    assert ranked_caption(7, 8, np.array([], int), 0.0) == "8 of the 8 test images with the highest error are " \
                                                           "unseen 7s."
    caption = ranked_caption(7, 8, np.array([2, 8]), 1.46)
    assert caption.startswith("6 of the 8") and "the other 2 are normal digits (2, 8)" in caption
    assert "1.5 times the ink" in caption


def test_digits_list_reads_as_english():
    assert digits_list([8]) == "8s"
    assert digits_list([2, 3, 8]) == "2s, 3s and 8s"


def test_the_ink_chart_shows_every_image_and_each_digits_mean(inky_errors):
    scores, labels, image_ink = inky_errors
    fig = error_against_ink_figure(image_ink, scores, labels == 2, errors_by_digit(*inky_errors, held_out=2))
    normal, unseen, normal_means, unseen_mean = fig.data
    assert len(normal.x) == 4 and len(unseen.x) == 2
    assert list(normal_means.text) == ["1", "8"] and list(normal_means.y) == pytest.approx([0.011, 0.045])
    assert list(unseen_mean.text) == ["2"] and list(unseen_mean.y) == pytest.approx([0.031])


def test_the_threshold_in_plain_words():
    scores = np.array([0.01, 0.02, 0.03, 0.05, 0.06, 0.07])
    unseen = np.array([False, False, False, True, True, False])
    text = threshold_in_words(at_threshold(scores, unseen, 0.05), held_out=7, unseen=2, normal=4)
    assert text == ("**Of the 2 unseen 7s, 100% are caught; 25% of the 4 normal digits are wrongly flagged.** "
                    "The threshold flags 3 of the 6 test images; 67% of them really are 7s.")
    none = threshold_in_words(at_threshold(scores, unseen, 0.5), held_out=7, unseen=2, normal=4)
    assert none.startswith("**Of the 2 unseen 7s, 0% are caught; 0% of the 4") and none.endswith("it flags none.")
