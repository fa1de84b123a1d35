import numpy as np
import pytest
from sklearn.metrics import precision_score, recall_score, roc_auc_score, roc_curve

from explorer.models import ConvAE, ConvAEConfig
from explorer.models.inference import per_image_mse, reconstruct
from explorer.topics.anomaly.logic import at_threshold, default_threshold, error_maps, most_anomalous, roc


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
