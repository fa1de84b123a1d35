import struct
from pathlib import Path

import numpy as np
import pytest

from explorer.core.data import (
    BUNDLED,
    DataUnavailableError,
    load_bundled_mnist,
    load_dataset,
    load_torchvision,
    stratified_split,
)


@pytest.fixture(scope="module")
def bundled():
    return load_bundled_mnist()


def test_bundled_split_is_4000_train_1000_test_stratified(bundled):
    assert bundled.train_images.shape == (4000, 1, 28, 28)
    assert bundled.test_images.shape == (1000, 1, 28, 28)
    assert np.bincount(bundled.test_labels, minlength=10).tolist() == [100] * 10
    assert np.bincount(bundled.train_labels, minlength=10).tolist() == [400] * 10


def test_bundled_pixels_are_floats_in_unit_range(bundled):
    assert bundled.train_images.dtype == np.float32
    assert bundled.train_images.min() == 0.0
    assert bundled.train_images.max() == 1.0


def test_bundled_split_is_fixed(bundled):
    again = load_bundled_mnist()
    np.testing.assert_array_equal(again.test_images, bundled.test_images)
    np.testing.assert_array_equal(again.train_labels, bundled.train_labels)


def test_train_and_test_do_not_overlap():
    labels = np.repeat(np.arange(3), 10)
    train, test = stratified_split(labels, test_per_class=2, seed=1)
    assert len(np.intersect1d(train, test)) == 0
    assert sorted(np.concatenate([train, test]).tolist()) == list(range(30))
    assert np.bincount(labels[test]).tolist() == [2, 2, 2]


def test_split_refuses_a_class_too_small():
    with pytest.raises(ValueError, match="too few"):
        stratified_split(np.array([0, 0, 1]), test_per_class=1, seed=0)


def _write_idx(path: Path, array: np.ndarray) -> None:
    """An IDX file as MNIST ships them: magic (0, 0, uint8 type 0x08, ndim), big-endian sizes, bytes."""
    header = struct.pack(">I", 0x0800 | array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    path.write_bytes(header + array.astype(np.uint8).tobytes())


def _write_tiny_set(root: Path, folder: str, n_train: int = 12, n_test: int = 5) -> dict:
    raw = root / folder / "raw"
    raw.mkdir(parents=True)
    rng = np.random.default_rng(0)
    arrays = {
        "train-images-idx3-ubyte": rng.integers(0, 256, (n_train, 28, 28)),
        "train-labels-idx1-ubyte": rng.integers(0, 10, n_train),
        "t10k-images-idx3-ubyte": rng.integers(0, 256, (n_test, 28, 28)),
        "t10k-labels-idx1-ubyte": rng.integers(0, 10, n_test),
    }
    for name, array in arrays.items():
        _write_idx(raw / name, array)
    return arrays


@pytest.mark.parametrize("name, folder", [("mnist", "MNIST"), ("fashion-mnist", "FashionMNIST"),
                                          ("kmnist", "KMNIST")])
def test_torchvision_sets_load_from_cached_idx_files(tmp_path, name, folder):
    arrays = _write_tiny_set(tmp_path, folder)
    data = load_torchvision(name, tmp_path, download=False)
    assert data.name == name
    assert data.train_images.shape == (12, 1, 28, 28)
    assert data.test_images.shape == (5, 1, 28, 28)
    np.testing.assert_allclose(data.train_images[:, 0] * 255, arrays["train-images-idx3-ubyte"], atol=1e-3)
    np.testing.assert_array_equal(data.test_labels, arrays["t10k-labels-idx1-ubyte"])
    assert len(data.class_names) == 10


def test_missing_torchvision_set_names_what_failed(tmp_path):
    with pytest.raises(DataUnavailableError, match="kmnist") as caught:
        load_torchvision("kmnist", tmp_path, download=False)
    assert str(tmp_path) in str(caught.value)


def test_unknown_set_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown data set"):
        load_torchvision("cifar", tmp_path, download=False)


def test_failed_set_falls_back_to_bundled_with_a_notice(tmp_path):
    result = load_dataset("fashion-mnist", cache_dir=tmp_path, download=False)
    assert result.data.name == BUNDLED
    assert "fashion-mnist" in result.notice and "bundled" in result.notice


def test_cached_set_loads_without_notice(tmp_path):
    _write_tiny_set(tmp_path, "MNIST")
    result = load_dataset("mnist", cache_dir=tmp_path, download=False)
    assert result.notice is None and result.data.name == "mnist"


def test_default_set_never_needs_torchvision(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def guarded(name, *args, **kwargs):
        if name.startswith("torchvision"):
            raise AssertionError("the bundled path imported torchvision")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", guarded)
    assert load_dataset().notice is None
