"""The Denoising page's claims about the shipped models, checked against them: a rebuild that changes the
story fails here, so that someone rewrites the text (explorer/topics/denoising/story.py) to match."""

import pytest

from explorer.checkpoints.store import PretrainedStore
from explorer.core.data import load_bundled_mnist
from explorer.topics.denoising.logic import PsnrCurves, background_brightness, denoise
from explorer.topics.denoising.story import drops_around, levels_where_better, noisy_levels, psnr_at

SPECKLED = ("gaussian", "salt_pepper")  # the noises that put ink on the black background


@pytest.fixture(scope="module")
def store():
    return PretrainedStore()  # $EXPLORER_PRETRAINED_DIR when set: point it at an edited copy to see a claim fail


@pytest.fixture(scope="module")
def curves(store):
    return PsnrCurves.from_json(store.group("denoising")["psnr_curves"])


def worse_levels(curves: PsnrCurves, model: str, kind: str) -> list[float]:
    better = levels_where_better(curves, model, kind)
    return [level for level in noisy_levels(curves) if level not in better]


@pytest.mark.parametrize("kind", SPECKLED)
def test_the_plain_ae_makes_speckled_noise_worse_at_light_levels_and_helps_only_at_heavy_ones(curves, kind):
    """PLAIN_WHY explains a plain AE that makes light speckle worse; "Only at levels ... is the input so
    damaged" needs every level where it helps to lie above every level where it harms."""
    worse, better = worse_levels(curves, "plain", kind), levels_where_better(curves, "plain", kind)
    assert worse and worse[0] == noisy_levels(curves)[0]
    assert not better or min(better) > max(worse)


def test_the_plain_ae_makes_gaussian_noise_worse_at_every_level_the_dae_trained_on(curves, store):
    limit = store.group("denoising")["max_train_level"]
    assert set(worse_levels(curves, "plain", "gaussian")) >= {level for level in noisy_levels(curves) if level <= limit}


def test_the_plain_ae_beats_masked_input_at_every_level(curves):
    assert worse_levels(curves, "plain", "masking") == []


@pytest.mark.parametrize("kind", SPECKLED)
def test_where_the_plain_ae_makes_speckle_worse_it_draws_ink_on_the_background(store, curves, kind):
    """PLAIN_WHY: it takes the speckle for ink. Its output's background is brighter than its input's."""
    group = store.group("denoising")
    plain, dae = store.load_model(group["plain_model"]), store.load_model(group["denoising_model"])
    clean = load_bundled_mnist().test_images
    for level in worse_levels(curves, "plain", kind):
        result = denoise(plain, dae, clean, kind, level)
        assert background_brightness(clean, result.plain) > background_brightness(clean, result.noisy), level


@pytest.mark.parametrize("kind", ["gaussian", "salt_pepper", "masking"])
def test_the_dae_beats_the_noisy_input_but_where_light_noise_costs_less_than_its_blur(curves, kind):
    not_better = worse_levels(curves, "denoising", kind)
    assert not_better == noisy_levels(curves)[:len(not_better)]  # "Light ... noise": only the lowest levels
    for level in not_better:
        assert psnr_at(curves, "noisy", kind, level) > psnr_at(curves, "denoising", kind, 0.0)


def test_the_dae_misses_only_light_gaussian_noise(curves):
    """The one exception the shipped curves show; the Home page's blurb says the DAE cleans noise off."""
    assert {kind: worse_levels(curves, "denoising", kind) for kind in curves.noisy} == {
        "gaussian": [noisy_levels(curves)[0]], "salt_pepper": [], "masking": []}


@pytest.mark.parametrize("kind", ["gaussian", "salt_pepper", "masking"])
def test_the_dae_blurs_clean_digits_a_little(curves, kind):
    dae, plain = psnr_at(curves, "denoising", kind, 0.0), psnr_at(curves, "plain", kind, 0.0)
    assert 0 < plain - dae < 3  # "a little blur": under 3 dB


@pytest.mark.parametrize("kind", ["gaussian", "salt_pepper", "masking"])
def test_the_dae_score_falls_steadily_with_no_break_past_its_training(curves, store, kind):
    scores = curves.denoising[kind]
    assert all(later < earlier for earlier, later in zip(scores, scores[1:], strict=False))
    before, after = drops_around(curves, kind, store.group("denoising")["max_train_level"])
    assert after < 1.5 * before
