"""The sparse autoencoder and the Sparse codes page's logic, against numbers worked out by hand."""

import numpy as np
import pytest
import torch

from explorer.core.data import load_bundled_mnist
from explorer.models import SparseAE, SparseAEConfig, build_model
from explorer.models.sparse_ae import l1_penalty, unit_columns
from explorer.topics.sparse_codes.logic import NEAR_ZERO, code_use, feature_pictures, likeness_to_digits
from explorer.topics.sparse_codes.story import trend


def digits(n: int = 64) -> torch.Tensor:
    return torch.from_numpy(load_bundled_mnist().train_images[:n])


def test_the_l1_penalty_is_the_sum_of_absolute_values_per_image():
    codes = torch.tensor([[0.0, 1.5, 2.0], [3.0, 0.0, 0.25]])
    assert torch.equal(l1_penalty(codes), torch.tensor([3.5, 3.25]))
    assert torch.equal(l1_penalty(torch.tensor([[-1.0, 2.0]])), torch.tensor([3.0]))


def test_each_units_picture_is_scaled_to_length_one():
    weight = torch.tensor([[3.0, 0.0], [4.0, 2.0]])  # pixels x units: columns of length 5 and 2
    assert torch.allclose(unit_columns(weight), torch.tensor([[0.6, 0.0], [0.8, 1.0]]))


def test_shapes_and_ranges_of_the_interface():
    torch.manual_seed(0)
    model = SparseAE(SparseAEConfig(latent_dim=32, l1=0.5))
    x = digits(8)
    codes = model.encode(x)
    assert codes.shape == (8, 32) and (codes >= 0).all()
    assert torch.equal(model.embed(x), codes)
    x_hat = model.decode(codes)
    assert x_hat.shape == (8, 1, 28, 28) and (x_hat >= 0).all() and (x_hat <= 1).all()
    assert torch.allclose(model.reconstruct(x), x_hat)
    assert model.features().shape == (32, 28, 28)
    assert torch.allclose(model.features().flatten(1).norm(dim=1), torch.ones(32))


def test_the_loss_is_bce_plus_lambda_times_the_mean_l1_of_the_code():
    torch.manual_seed(0)
    model = SparseAE(SparseAEConfig(latent_dim=16, l1=0.3))
    x = digits(4)
    parts = model.loss(x)
    with torch.no_grad():
        codes = model.encode(x)
        by_hand = 0.3 * codes.abs().sum(dim=1).mean()
        bce = torch.nn.functional.binary_cross_entropy(model.decode(codes), x, reduction="sum") / 4
    assert set(parts.named()) == {"loss", "recon", "sparsity"}
    assert torch.allclose(parts.extra["sparsity"], by_hand) and torch.allclose(parts.recon, bce)
    assert torch.allclose(parts.total, parts.recon + parts.extra["sparsity"])
    plain = SparseAE(SparseAEConfig(latent_dim=16, l1=0.0)).loss(x)
    assert plain.extra["sparsity"] == 0 and torch.equal(plain.total, plain.recon)


def test_larger_decoder_weights_cannot_buy_a_smaller_penalty():
    torch.manual_seed(0)
    model = SparseAE(SparseAEConfig(latent_dim=16, l1=1.0))
    x = digits(4)
    before = model.reconstruct(x)
    with torch.no_grad():
        model.decoder.weight.mul_(10.0)
    assert torch.allclose(model.reconstruct(x), before, atol=1e-6)


def test_a_training_step_lowers_the_loss_and_the_model_rebuilds_from_its_config():
    torch.manual_seed(0)
    model = SparseAE(SparseAEConfig(latent_dim=32, l1=0.1))
    x = digits(128)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    before = model.loss(x).total.item()
    for _ in range(3):
        optimizer.zero_grad()
        model.loss(x).total.backward()
        optimizer.step()
    assert model.loss(x).total.item() < before
    assert isinstance(build_model("sparse_ae", {"latent_dim": 32, "l1": 0.1}), SparseAE)


def test_code_use_counts_active_units_and_dead_ones():
    quiet = NEAR_ZERO / 2
    codes = np.array([[0.0, 2.0, quiet, 1.0], [0.5, 0.0, 0.0, 3.0]])
    use = code_use(codes)
    assert list(use.active_per_digit) == [2, 2] and use.mean_active == 2.0
    assert list(use.use) == [0.5, 0.5, 0.0, 1.0]
    assert list(use.dead) == [False, False, True, False] and use.dead_share == 0.25
    assert list(use.by_use()) == [3, 0, 1, 2]


def test_feature_pictures_put_zero_at_grey_and_each_largest_weight_at_white_or_black():
    features = np.zeros((2, 28, 28))
    features[0, 0, 0], features[0, 0, 1] = 2.0, -1.0
    features[1, 5, 5] = -0.01
    pictures = feature_pictures(features)
    assert pictures[0, 0, 0] == 1.0 and pictures[0, 0, 1] == 0.25 and pictures[0, 9, 9] == 0.5
    assert pictures[1, 5, 5] == 0.0


def test_likeness_to_digits_is_one_for_a_digit_and_ignores_negative_weights():
    images = load_bundled_mnist().test_images[:5]  # N x 1 x 28 x 28
    digit = images[2, 0]
    assert likeness_to_digits(np.stack([digit, digit - 0.5 * (digit == 0)]), images) == pytest.approx(1.0)
    stroke = np.zeros((28, 28))
    stroke[10:18, 14] = 1.0
    assert likeness_to_digits(stroke[None], images)[0] < 0.6


def test_trend_names_the_direction():
    assert trend(1, 2, "up", "down") == "up" and trend(2, 1, "up", "down") == "down"
    assert trend(1, 1, "up", "down", "level") == "level"
