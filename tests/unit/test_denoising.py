import numpy as np
import pytest
import torch

from explorer.core.data import load_bundled_mnist
from explorer.core.noise import NOISE_KINDS, psnr
from explorer.core.runtime import seed_everything
from explorer.models import ConvAE, ConvAEConfig
from explorer.models.inference import embed
from explorer.models.placement import place_digit
from explorer.topics.denoising.logic import PsnrCurves, denoise, denoise_every_setting, join, psnr_curves
from explorer.training.fit import TrainConfig, fit

CPU = torch.device("cpu")


@pytest.fixture(scope="module")
def data():
    return load_bundled_mnist()


def small_model() -> ConvAE:
    seed_everything(0)
    return ConvAE(ConvAEConfig(latent_dim=4, channels=(8, 16))).eval()


def test_fit_with_corrupt_trains_on_corrupted_inputs_against_clean_targets(data):
    train, test = data.train_images[:128], data.test_images[:32]
    config = TrainConfig(epochs=2, batch_size=32, seed=0)
    batches = []

    def blank_half(x, generator):
        batches.append(len(x))
        noisy = x.clone()
        noisy[..., :14] = 0.0
        return noisy

    denoiser, plain = small_model(), small_model()
    fit(denoiser, train, test, config, device=CPU, corrupt=blank_half)
    fit(plain, train, test, config, device=CPU)
    assert batches == [32] * 8  # every batch of both epochs went through the corruption
    assert any(not torch.equal(a, b) for a, b in zip(denoiser.parameters(), plain.parameters(), strict=True))

    same = small_model()
    fit(same, train, test, config, device=CPU, corrupt=lambda x, generator: x)  # no-op corruption
    assert all(torch.equal(a, b) for a, b in zip(same.parameters(), plain.parameters(), strict=True))


def test_denoise_scores_every_output_against_the_clean_images(data):
    model = small_model()
    clean = data.test_images[:6]
    result = denoise(model, model, clean, "masking", 0.4)
    assert result.noisy.shape == clean.shape and not np.array_equal(result.noisy, clean)
    np.testing.assert_allclose(result.noisy_psnr, psnr(clean, result.noisy))
    np.testing.assert_allclose(result.plain_psnr, result.denoising_psnr)  # the same model twice
    np.testing.assert_array_equal(result.denoising, result.plain)


def test_psnr_curves_fall_with_noise_and_survive_a_json_round_trip(data):
    model = small_model()
    curves = psnr_curves(model, model, data.test_images[:20], [0.0, 0.3, 0.6])
    assert set(curves.noisy) == set(NOISE_KINDS)
    for kind in NOISE_KINDS:
        assert curves.noisy[kind][0] > curves.noisy[kind][1] > curves.noisy[kind][2]
    assert PsnrCurves.from_json(curves.to_json()) == curves


def test_a_digit_lands_beside_itself_among_the_reference_codes(data):
    model = small_model()
    images, labels = data.test_images[:200], data.test_labels[:200]
    codes = embed(model, images)
    placement = place_digit(model, images[17], codes, labels, neighbours=1)
    assert placement.neighbours[0] == 17 and placement.distances[0] == pytest.approx(0.0, abs=1e-5)
    assert placement.guess == labels[17]
    several = place_digit(model, images[17], codes, labels, neighbours=5)
    assert np.all(np.diff(several.distances) >= 0) and several.guess in several.neighbour_labels


def test_every_setting_at_once_equals_one_setting_at_a_time(data):
    model = small_model()
    clean = data.test_images[:4]
    table = denoise_every_setting(model, model, clean, [0.0, 0.5])
    assert len(table) == 2 * len(NOISE_KINDS)
    one = denoise(model, model, clean, "salt_pepper", 0.5)
    for field in vars(one):
        np.testing.assert_allclose(getattr(table[("salt_pepper", 0.5)], field), getattr(one, field), atol=1e-5)
    joined = join(one, denoise(model, model, clean[:1], "salt_pepper", 0.5))
    assert len(joined.noisy) == 5 and len(joined.denoising_psnr) == 5
