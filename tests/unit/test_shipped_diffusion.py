"""The diffusion group and its default samples: built by the project's script (tiny here), and as shipped in
pretrained/."""

import json
import shutil

import numpy as np
import pytest

from explorer.checkpoints.store import PRETRAINED_DIR, PretrainedStore
from explorer.core.data import load_bundled_mnist
from explorer.core.images import to_uint8
from explorer.models import ConvVAE, DigitClassifier, LatentDenoiser, UNet
from explorer.topics.diffusion.logic import BATCH, LatentRun, PixelRun, run_latents, run_pixels
from explorer.topics.diffusion.shipped import FILE, GROUP, load_shipped_samples

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


def test_tiny_build_ships_the_default_samples_of_its_own_networks(tiny_pretrained):
    shipped = load_shipped_samples(PretrainedStore(tiny_pretrained))
    assert set(shipped) == {PixelRun(), LatentRun()}
    for frames in shipped.values():
        assert frames.made_at_build and frames.samples.shape == (BATCH, 28, 28)
        assert frames.noisy.shape == frames.predicted.shape == (len(frames.steps), BATCH, 28, 28)


def test_the_shipped_default_samples_are_what_the_shipped_networks_make_now(shipped):
    """Made by the page's own code from the networks shipped now: a retrain without
    `--only diffusion_samples` fails here (and the page then makes them itself)."""
    found = load_shipped_samples(shipped)
    assert set(found) == {PixelRun(), LatentRun()}, "rebuild: python scripts/train_pretrained.py --only " + GROUP
    info = shipped.group("diffusion")
    unet, vae, latent_denoiser = (shipped.load_model(info[role]) for role in ("unet", "vae", "latent_denoiser"))
    test_images = load_bundled_mnist().test_images
    live = {PixelRun(): run_pixels(unet, info["schedule"], PixelRun(), test_images),
            LatentRun(): run_latents(latent_denoiser, vae, info["schedule"], LatentRun())}
    for settings, frames in live.items():
        kept = found[settings]
        assert kept.steps == frames.steps and kept.network_calls == frames.network_calls
        # The frames are shipped as the page draws them, in bytes; another CPU may round the last bit otherwise.
        for name in ("noisy", "predicted"):
            assert np.abs(to_uint8(getattr(kept, name)).astype(int) - to_uint8(getattr(frames, name))).max() <= 2
        assert np.abs(kept.samples - frames.samples).max() < 0.01


def test_samples_from_other_networks_or_none_at_all_are_not_used(tiny_pretrained, tmp_path):
    copy = tmp_path / "pretrained"
    shutil.copytree(tiny_pretrained, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["groups"][GROUP]["made_from"] = {name: "0" * 64 for name in manifest["groups"][GROUP]["made_from"]}
    (copy / "manifest.json").write_text(json.dumps(manifest))
    assert load_shipped_samples(PretrainedStore(copy)) == {}
    del manifest["groups"][GROUP]
    (copy / "manifest.json").write_text(json.dumps(manifest))
    assert load_shipped_samples(PretrainedStore(copy)) == {}
    (copy / GROUP / FILE).write_bytes(b"not an archive")  # listed, but damaged: refused by its sha256
    manifest = json.loads((tiny_pretrained / "manifest.json").read_text())
    (copy / "manifest.json").write_text(json.dumps(manifest))
    assert load_shipped_samples(PretrainedStore(copy)) == {}
