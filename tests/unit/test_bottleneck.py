import json

import numpy as np
import pytest

from explorer.checkpoints.store import PretrainedStore
from explorer.core.pca import fit_pca
from explorer.models import ConvAE, ConvAEConfig
from explorer.topics.bottleneck.logic import (
    compare,
    error_curve,
    error_ratio_in_words,
    pick_images,
    size_in_words,
)

LABELS = np.repeat(np.arange(10), 5)


@pytest.mark.parametrize("k, words", [(16, "16 numbers for 784 pixels, 49× smaller"),
                                      (2, "2 numbers for 784 pixels, 392× smaller"),
                                      (64, "64 numbers for 784 pixels, 12.2× smaller")])
def test_the_code_size_in_words(k, words):
    assert size_in_words(k) == words


def test_the_error_ratio_in_words():
    assert error_ratio_in_words(0.0114, 0.0258) == "the autoencoder's error is 44% of PCA's"
    assert error_ratio_in_words(0.03, 0.02) == "the autoencoder's error is 1.5× PCA's"


def test_random_pick_is_repeatable_and_distinct():
    first = pick_images("random", labels=LABELS, count=8, seed=3)
    assert len(set(first.tolist())) == 8
    np.testing.assert_array_equal(first, pick_images("random", labels=LABELS, count=8, seed=3))
    assert not np.array_equal(first, pick_images("random", labels=LABELS, count=8, seed=4))


def test_digit_pick_shows_only_that_digit():
    picked = pick_images("digit", labels=LABELS, count=8, digit=7)
    assert len(picked) == 5 and set(LABELS[picked]) == {7}


def test_worst_pick_orders_by_error():
    errors = np.linspace(0, 1, len(LABELS))
    assert pick_images("worst", labels=LABELS, count=3, errors=errors).tolist() == [49, 48, 47]


@pytest.mark.parametrize("mode, kwargs, message", [
    ("worst", {}, "one reconstruction error per test image"),
    ("digit", {"digit": 11}, "no test image"),
    ("best", {}, "unknown selection"),
])
def test_bad_picks_are_refused(mode, kwargs, message):
    with pytest.raises(ValueError, match=message):
        pick_images(mode, labels=LABELS, count=3, **kwargs)


def test_compare_reconstructs_with_both_at_the_same_k():
    rng = np.random.default_rng(0)
    images = rng.random((20, 1, 28, 28)).astype(np.float32)
    labels = np.arange(20) % 10
    model = ConvAE(ConvAEConfig(latent_dim=3)).eval()
    result = compare(model, fit_pca(images, 5), images, labels, np.array([4, 2]))
    assert result.k == 3
    assert result.ae.shape == result.pca.shape == (2, 1, 28, 28)
    np.testing.assert_array_equal(result.labels, [4, 2])
    expected = ((result.pca - images[[4, 2]]) ** 2).reshape(2, -1).mean(axis=1)
    np.testing.assert_allclose(result.pca_mse, expected, rtol=1e-6)


def test_error_curve_reads_the_manifest(tmp_path):
    manifest = {
        "files": {},
        "groups": {"bottleneck": {
            "ae_models": {"8": "ae_k8", "2": "ae_k2"},
            "pca": {"metrics": {"2": {"test_mse": 0.06}, "8": {"test_mse": 0.04}}},
        }},
        "models": {"ae_k2": {"metrics": {"test_mse": 0.05}}, "ae_k8": {"metrics": {"test_mse": 0.02}}},
    }
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    curve = error_curve(PretrainedStore(tmp_path))
    assert curve.ks == [2, 8] and curve.models == ["ae_k2", "ae_k8"]
    assert curve.ae_mse == [0.05, 0.02]
    assert curve.pca_mse == [0.06, 0.04]
