"""The diffusion group: built by the project's script (tiny here), and as shipped in pretrained/."""

import pytest

from explorer.checkpoints.store import PRETRAINED_DIR, PretrainedStore
from explorer.models import ConvVAE, DigitClassifier, LatentDenoiser, UNet

NETWORKS = {"unet": UNet, "vae": ConvVAE, "latent_denoiser": LatentDenoiser, "classifier": DigitClassifier}
METHODS = {"pixel_ddim", "latent_ddpm", "vae_prior", "real_test"}


def check_group(store: PretrainedStore) -> dict:
    info = store.manifest["groups"]["diffusion"]
    for role, network_class in NETWORKS.items():
        record = store.model_info(info[role])
        assert record["group"] == "diffusion" and record["seed"] == 0
        assert isinstance(store.load_model(info[role]), network_class)
    assert set(info["quality"]) == METHODS
    for scores in info["quality"].values():
        assert 0 < scores["mean_confidence"] <= 1 and 0 <= scores["class_spread"] <= 1
        assert sum(scores["class_counts"]) == scores["images"] > 0
    return info


def test_tiny_build_lists_every_diffusion_network_and_the_quality(tiny_pretrained):
    check_group(PretrainedStore(tiny_pretrained))


@pytest.fixture(scope="module")
def shipped():
    return PretrainedStore(PRETRAINED_DIR)


def test_shipped_diffusion_models_are_trained(shipped):
    info = check_group(shipped)
    models = shipped.manifest["models"]
    assert models[info["classifier"]]["metrics"]["test_accuracy"] > 0.95
    # An untrained U-Net scores about 1; one trained for 1,500 steps (samples: strokes, not digits) 0.034.
    assert models[info["unet"]]["metrics"]["test_noise_mse"] < 0.03
    assert models[info["latent_denoiser"]]["metrics"]["test_noise_mse"] < 0.5


def test_shipped_samples_look_like_digits_to_the_classifier(shipped):
    quality = shipped.manifest["groups"]["diffusion"]["quality"]
    assert quality["real_test"]["mean_confidence"] > 0.95
    for method in ("pixel_ddim", "latent_ddpm"):
        assert quality[method]["mean_confidence"] > 0.7 and quality[method]["class_spread"] > 0.8
        assert quality[method]["mean_confidence"] > quality["vae_prior"]["mean_confidence"]  # beats the plain VAE
