import numpy as np
import pytest
import torch

from explorer.core.runtime import seed_everything
from explorer.models import ConvAE, ConvAEConfig, ConvVAE, ConvVAEConfig
from explorer.models.base import LossParts
from explorer.training.fit import NonFiniteLossError, TrainConfig, evaluate, fit, pixel_errors, random_shift

CPU = torch.device("cpu")


@pytest.fixture(scope="module")
def digits():
    from explorer.core.data import load_bundled_mnist

    data = load_bundled_mnist()
    return data.train_images[:256], data.test_images[:64]


def test_a_training_step_changes_the_weights_and_lowers_the_loss(digits):
    train, _ = digits
    seed_everything(0)
    model = ConvAE(ConvAEConfig(latent_dim=4))
    x = torch.from_numpy(train[:64])
    before = [p.detach().clone() for p in model.parameters()]
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    first = model.loss(x).total
    for _ in range(5):
        optimizer.zero_grad()
        model.loss(x).total.backward()
        optimizer.step()
    assert all(not torch.equal(a, b) for a, b in zip(before, model.parameters(), strict=True))
    assert model.loss(x).total < first


def test_fit_reports_every_epoch_and_improves(digits):
    train, test = digits
    seed_everything(0)
    model = ConvVAE(ConvVAEConfig(latent_dim=4))
    start = evaluate(model, test, device=CPU).loss.total
    reports = []
    history = fit(model, train, test, TrainConfig(epochs=3, batch_size=64), device=CPU, on_epoch=reports.append)
    assert [r.epoch for r in reports] == [1, 2, 3]
    assert history.reports == reports
    assert reports[-1].train.kl is not None and reports[-1].test.loss.kl is not None
    assert reports[-1].test.pixels.mse > 0 and reports[-1].test.pixels.bce > 0
    assert reports[-1].images_per_second > 0
    assert history.last.test.loss.total < start


def test_fit_is_deterministic_for_a_seed(digits):
    train, test = digits
    weights = []
    for _ in range(2):
        seed_everything(5)
        model = ConvAE(ConvAEConfig(latent_dim=2))
        fit(model, train, test, TrainConfig(epochs=1, batch_size=64, seed=5, max_shift=2), device=CPU)
        weights.append(torch.cat([p.flatten() for p in model.parameters()]))
    assert torch.equal(weights[0], weights[1])


def test_non_finite_loss_stops_training(digits):
    train, test = digits
    model = ConvAE(ConvAEConfig(latent_dim=2))
    nan = torch.tensor(float("nan"), requires_grad=True)
    model.loss = lambda x: LossParts(total=nan, recon=nan)
    with pytest.raises(NonFiniteLossError, match="nan"):
        fit(model, train, test, TrainConfig(epochs=1), device=CPU)


def test_random_shift_moves_images_without_losing_ink():
    image = torch.zeros(1, 1, 28, 28)
    image[0, 0, 10:14, 12:15] = 1.0  # a block well away from the border
    batch = image.repeat(50, 1, 1, 1)
    shifted = random_shift(batch, 2, torch.Generator().manual_seed(0))
    assert shifted.shape == batch.shape
    assert torch.allclose(shifted.sum(dim=(1, 2, 3)), batch.sum(dim=(1, 2, 3)))
    assert len({tuple(torch.nonzero(s[0])[0].tolist()) for s in shifted}) > 5  # offsets differ per image
    rows, cols = torch.nonzero(shifted[:, 0, :, :], as_tuple=True)[1:]
    assert rows.min() >= 8 and rows.max() <= 15 and cols.min() >= 10 and cols.max() <= 16


def test_pixel_errors_are_per_pixel_means():
    images = np.zeros((2, 1, 28, 28), np.float32)
    recon = np.full_like(images, 0.5)
    errors = pixel_errors(recon, images)
    assert errors.mse == pytest.approx(0.25)
    assert errors.bce == pytest.approx(np.log(2), rel=1e-5)
