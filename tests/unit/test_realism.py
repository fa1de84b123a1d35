"""The realism, precision/recall and Fréchet distance of explorer/core/realism.py on features with known answers."""

import numpy as np
import pytest

from explorer.core.realism import frechet_distance, inside_share, knn_radii, precision_recall, realism_scores


def cloud(count=300, dims=8, shift=0.0, seed=0):
    return np.random.default_rng(seed).standard_normal((count, dims)) + shift


def test_identical_sets_have_full_precision_and_recall_and_no_distance():
    real = cloud()
    assert precision_recall(real, real.copy()) == (1.0, 1.0)
    assert frechet_distance(real, real.copy()) == pytest.approx(0.0, abs=1e-8)


def test_disjoint_far_sets_have_none_and_a_large_distance():
    real, far = cloud(), cloud(shift=50.0, seed=1)
    assert precision_recall(real, far) == (0.0, 0.0)
    # The means lie 50 apart in each of 8 dimensions: the distance is at least 8 x 50².
    assert frechet_distance(real, far) > 8 * 50 ** 2


def test_frechet_distance_of_two_known_gaussians():
    """N(0, I) against N(m, 4 I) in d dimensions: |m|² + d (1 + 4 - 2·2) = |m|² + d."""
    first, second = cloud(20000, 4), 2 * cloud(20000, 4, seed=1) + 3.0
    assert frechet_distance(first, second) == pytest.approx(4 * 9 + 4, rel=0.03)


def test_a_constant_set_has_a_finite_distance():
    blank = np.zeros((50, 8))
    assert frechet_distance(cloud(), blank) == pytest.approx(frechet_distance(cloud(), blank + 0.0))
    assert np.isfinite(frechet_distance(cloud(), blank))


def test_knn_radius_is_the_kth_neighbour_not_the_point_itself():
    points = np.array([[0.0], [1.0], [3.0], [6.0]])
    assert knn_radii(points, k=1).tolist() == [1.0, 1.0, 2.0, 3.0]
    assert knn_radii(points, k=2).tolist() == [3.0, 2.0, 3.0, 5.0]


def test_half_the_set_inside_half_the_balls():
    centres, radii = np.array([[0.0, 0.0]]), np.array([1.0])
    assert inside_share(centres, radii, np.array([[0.5, 0.0], [2.0, 0.0]])) == 0.5


def test_realism_is_radius_over_distance_from_the_smaller_balls_only():
    real = np.array([[0.0], [10.0]])
    radii = np.array([1.0, 5.0])  # the second, wider ball is above the median and left out
    scores = realism_scores(real, radii, np.array([[0.5], [2.0], [10.0]]))
    assert scores[:2].tolist() == [2.0, 0.5]
    assert scores[2] == pytest.approx(0.1)  # at the centre of the dropped ball: only the kept one counts


def test_samples_nearer_the_real_set_score_more_real():
    real = cloud()
    radii = knn_radii(real)
    near, far = realism_scores(real, radii, cloud(100, seed=2)), realism_scores(real, radii, cloud(100, shift=4.0))
    assert (near >= 1).mean() > 0.25 > (far >= 1).mean()
    assert np.median(near) > 2 * np.median(far)
