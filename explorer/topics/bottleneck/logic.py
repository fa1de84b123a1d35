"""The Bottleneck page's logic: which test images to show, and AE beside PCA at one k."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.checkpoints.store import PretrainedStore
from explorer.core.data import PIXELS, random_indices
from explorer.core.pca import PCABasis, pca_reconstruct
from explorer.models.base import Autoencoder
from explorer.models.inference import per_image_mse, reconstruct

GROUP = "bottleneck"
SELECTION_MODES = {
    "random": "Random test images",
    "digit": "One digit",
    "worst": "Worst reconstructed by the AE",
}


def size_in_words(k: int) -> str:
    """The code's size said plainly: 16 -> "16 numbers for 784 pixels, 49× smaller"."""
    return f"{k} numbers for {PIXELS} pixels, {PIXELS / k:.3g}× smaller"


def error_ratio_in_words(ae_mse: float, pca_mse: float) -> str:
    """The autoencoder's error against PCA's, said plainly: "the autoencoder's error is 44% of PCA's"."""
    if ae_mse <= pca_mse:
        return f"the autoencoder's error is {ae_mse / pca_mse:.0%} of PCA's"
    return f"the autoencoder's error is {ae_mse / pca_mse:.3g}× PCA's"


def pick_images(
    mode: str,
    *,
    labels: np.ndarray,
    count: int,
    seed: int = 0,
    digit: int | None = None,
    errors: np.ndarray | None = None,
) -> np.ndarray:
    """Indices into the test set for one of SELECTION_MODES."""
    if mode == "random":
        return random_indices(len(labels), count, seed)
    if mode == "digit":
        members = np.flatnonzero(labels == digit)
        if len(members) == 0:
            raise ValueError(f"no test image shows the digit {digit!r}")
        return np.random.default_rng(seed).choice(members, size=min(count, len(members)), replace=False)
    if mode == "worst":
        if errors is None or len(errors) != len(labels):
            raise ValueError("'worst' needs one reconstruction error per test image")
        return np.argsort(errors)[::-1][:count]
    raise ValueError(f"unknown selection {mode!r}; choose one of {sorted(SELECTION_MODES)}")


@dataclass(frozen=True)
class Comparison:
    """Test images with their AE and PCA reconstructions at one k."""

    k: int
    indices: np.ndarray  # n
    labels: np.ndarray  # n
    originals: np.ndarray  # n x 1 x 28 x 28
    ae: np.ndarray  # n x 1 x 28 x 28
    pca: np.ndarray  # n x 1 x 28 x 28
    ae_mse: np.ndarray  # n
    pca_mse: np.ndarray  # n


def compare(
    model: Autoencoder, basis: PCABasis, images: np.ndarray, labels: np.ndarray, indices: np.ndarray
) -> Comparison:
    originals = images[indices]
    ae = reconstruct(model, originals)
    pca = pca_reconstruct(basis, originals, model.latent_dim)
    return Comparison(
        k=model.latent_dim,
        indices=np.asarray(indices),
        labels=labels[indices],
        originals=originals,
        ae=ae,
        pca=pca,
        ae_mse=per_image_mse(originals, ae),
        pca_mse=per_image_mse(originals, pca),
    )


@dataclass(frozen=True)
class ErrorCurve:
    ks: list[int]
    models: list[str]  # the shipped autoencoder at each k
    ae_mse: list[float]
    pca_mse: list[float]


DEFAULT_K = 16  # the code size the page opens at, where the model ships


def default_k(curve: ErrorCurve) -> int:
    return DEFAULT_K if DEFAULT_K in curve.ks else curve.ks[0]


def error_curve(store: PretrainedStore) -> ErrorCurve:
    """Test MSE against k for the shipped AEs and PCA, read from the manifest."""
    group = store.group(GROUP)
    ks = sorted(int(k) for k in group["ae_models"])
    models = [group["ae_models"][str(k)] for k in ks]
    return ErrorCurve(
        ks=ks,
        models=models,
        ae_mse=[store.model_info(name)["metrics"]["test_mse"] for name in models],
        pca_mse=[group["pca"]["metrics"][str(k)]["test_mse"] for k in ks],
    )
