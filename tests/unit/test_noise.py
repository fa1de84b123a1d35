import numpy as np
import pytest

from explorer.core.noise import MAX_PSNR_DB, NOISE_KINDS, add_mixed_noise, add_noise, psnr


@pytest.fixture
def grey():
    return np.full((20, 1, 28, 28), 0.5, dtype=np.float32)


@pytest.mark.parametrize("kind", list(NOISE_KINDS))
def test_level_zero_changes_nothing_and_results_stay_in_range(kind, grey):
    np.testing.assert_array_equal(add_noise(grey, kind, 0.0), grey)
    noisy = add_noise(grey, kind, 0.7, seed=3)
    assert noisy.shape == grey.shape and noisy.dtype == np.float32
    assert noisy.min() >= 0.0 and noisy.max() <= 1.0
    np.testing.assert_array_equal(noisy, add_noise(grey, kind, 0.7, seed=3))  # reproducible
    assert not np.array_equal(noisy, add_noise(grey, kind, 0.7, seed=4))


def test_gaussian_noise_has_the_level_as_standard_deviation(grey):
    diff = add_noise(grey, "gaussian", 0.1, seed=0) - grey  # 0.5 +- 0.1: clipping never bites
    assert abs(diff.std() - 0.1) < 0.003 and abs(diff.mean()) < 0.003


def test_masking_blanks_the_level_fraction_and_grows_with_the_level(grey):
    low, high = add_noise(grey, "masking", 0.2, seed=1), add_noise(grey, "masking", 0.5, seed=1)
    assert set(np.unique(low)) == {0.0, 0.5}
    assert abs((low == 0).mean() - 0.2) < 0.01 and abs((high == 0).mean() - 0.5) < 0.01
    assert np.all(high[low == 0] == 0)  # the same seed only adds corruption as the level rises


def test_salt_and_pepper_sets_the_level_fraction_to_black_or_white(grey):
    noisy = add_noise(grey, "salt_pepper", 0.3, seed=2)
    hit = noisy != 0.5
    assert abs(hit.mean() - 0.3) < 0.01
    assert set(np.unique(noisy[hit])) == {0.0, 1.0}
    assert abs((noisy[hit] == 1.0).mean() - 0.5) < 0.03


@pytest.mark.parametrize(("kind", "level"), [("blur", 0.1), ("gaussian", -0.1), ("masking", 1.5)])
def test_bad_noise_settings_are_refused(kind, level, grey):
    with pytest.raises(ValueError):
        add_noise(grey, kind, level)


def test_mixed_noise_gives_each_image_its_own_corruption(grey):
    noisy = add_mixed_noise(grey, max_level=0.6, seed=5)
    np.testing.assert_array_equal(noisy, add_mixed_noise(grey, max_level=0.6, seed=5))
    changed = (noisy != grey).reshape(len(grey), -1).mean(axis=1)
    assert len(np.unique(np.round(changed, 3))) > 5  # different levels, not one shared level


def test_psnr_matches_its_closed_form():
    clean = np.zeros((3, 1, 28, 28))
    other = clean.copy()
    other[0] += 0.1  # MSE 0.01 -> 20 dB
    other[1, 0, :14] = 1.0  # MSE 0.5 -> 3.01 dB
    np.testing.assert_allclose(psnr(clean, other), [20.0, 10 * np.log10(2), MAX_PSNR_DB], atol=1e-9)
