"""The Latent map page's measurements: the sampling strips' codes, and the classifier's verdict along walks."""

import numpy as np
import pytest
import torch
from torch import nn

from explorer.core.projection import draw_random_codes
from explorer.models import ConvAE, ConvAEConfig
from explorer.models.inference import decode
from explorer.topics.latent_map.likeness import (
    UNSURE,
    lowest_between,
    most_different_walks,
    random_pairs,
    top_confidences,
    walk_confidences,
)
from explorer.topics.latent_map.sampling import (
    code_cloud,
    farthest_from_zero,
    fitted_gaussian_draws,
    sampling_draws,
    top_digits,
)


def test_fitted_draws_follow_the_codes_own_mean_and_covariance():
    rng = np.random.default_rng(0)
    codes = (rng.standard_normal((5000, 3)) @ np.array([[3, 0, 0], [2, 1, 0], [0, 0, 0.5]]) + [10, -4, 2])
    codes = codes.astype(np.float32)
    draws = fitted_gaussian_draws(codes, 20000, seed=1)
    np.testing.assert_allclose(draws.mean(axis=0), codes.mean(axis=0), atol=0.1)
    np.testing.assert_allclose(np.cov(draws, rowvar=False), np.cov(codes, rowvar=False), atol=0.3)
    np.testing.assert_array_equal(fitted_gaussian_draws(codes, 5, seed=1), draws[:5])  # seeded


def test_the_strips_normal_draws_are_the_maps_crosses_first():
    codes = np.random.default_rng(0).standard_normal((100, 4)).astype(np.float32)
    draws = sampling_draws(codes, 50, seed=1234)
    np.testing.assert_array_equal(draws["normal"][:10], draw_random_codes(10, 4, 1234))
    assert draws["fitted"].shape == (50, 4)


def test_code_cloud_measures_the_centre_and_the_spread_of_one_number():
    codes = np.random.default_rng(0).standard_normal((20000, 4)) * 3 + [6, 8, 0, 0]
    cloud = code_cloud(codes)
    assert cloud.centre_from_zero == pytest.approx(10, abs=0.1)
    assert cloud.spread == pytest.approx(3, abs=0.05)
    assert cloud.nearest_to_zero == pytest.approx(np.linalg.norm(codes, axis=1).min())
    assert farthest_from_zero(np.array([[3.0, 4.0], [1.0, 0.0]])) == 5.0


def test_top_digits_are_the_fewest_that_cover_the_share():
    assert top_digits([10, 60, 0, 30, 0, 0, 0, 0, 0, 0]) == ([1], 0.6)
    digits, share = top_digits([30, 0, 0, 30, 10, 10, 10, 10, 0, 0], share=0.55)
    assert digits == [0, 3] and share == pytest.approx(0.6)


class Fixed(nn.Module):
    """A stand-in classifier: sure of digit 0 in proportion to the image's mean brightness."""

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        brightness = images.mean(dim=(1, 2, 3))
        return torch.stack([20 * brightness] + [torch.zeros_like(brightness)] * 9, dim=1)


def test_walk_confidences_score_every_step_of_every_walk():
    model = ConvAE(ConvAEConfig(latent_dim=3, channels=(4, 8))).eval()
    codes = np.random.default_rng(0).standard_normal((10, 3)).astype(np.float32)
    walks = walk_confidences(model, Fixed(), codes, np.array([0, 1]), np.array([2, 3]), steps=5)
    assert walks.shape == (2, 5)
    np.testing.assert_allclose(walks[0, [0, -1]], top_confidences(Fixed(), decode(model, codes[[0, 2]])), atol=1e-6)


def test_random_pairs_join_different_digits_only():
    labels = np.repeat(np.arange(10), 10)
    starts, ends = random_pairs(labels, np.arange(50, 100), 30, seed=0)
    assert len(starts) == 30 and (labels[starts] != labels[ends]).all()
    assert (starts >= 50).all() and (ends >= 50).all()


def test_the_most_different_walks_go_both_ways_and_skip_badly_drawn_ends():
    steps = 5
    ae = np.full((4, steps), 0.9)
    vae = np.full((4, steps), 0.9)
    ae[0, 2] = 0.2  # the AE dips on walk 0
    vae[1, 2] = 0.3  # the VAE dips on walk 1
    ae[2, 2] = 0.1  # the AE dips further on walk 2, but the VAE redraws its end badly
    vae[2, -1] = UNSURE - 0.1
    offered = most_different_walks(np.arange(4), np.arange(4) + 10, ae, vae, per_side=2)
    assert [(pair.a, pair.b) for pair in offered] == [(0, 10), (1, 11)]
    assert offered[0].ae_lowest == pytest.approx(0.2) and offered[1].vae_lowest == pytest.approx(0.3)
    assert lowest_between(np.array([0.1, 0.8, 0.6, 0.1])) == pytest.approx(0.6)  # the ends do not count
