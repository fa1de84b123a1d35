"""PCA, the linear autoencoder: a basis fitted by SVD, and projection / reconstruction with it.

The components are nested: the first k of a fitted basis are PCA at k, so one
basis of the largest k serves every smaller one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class PCABasis:
    mean: np.ndarray  # D
    components: np.ndarray  # K x D, orthonormal rows, by decreasing variance
    explained_variance: np.ndarray | None = None  # K; not kept where only the axes matter (a map's plane)

    @property
    def max_k(self) -> int:
        return len(self.components)


def fit_pca(x: np.ndarray, n_components: int) -> PCABasis:
    """x: N x D. The top principal axes by SVD of the centred data."""
    x = np.asarray(x, dtype=np.float64).reshape(len(x), -1)
    mean = x.mean(axis=0)
    _, singular, vt = np.linalg.svd(x - mean, full_matrices=False)
    # Fix each axis's sign so that a refit gives the same basis, not a flipped one.
    signs = np.sign(vt[:, np.abs(vt).argmax(axis=1)].diagonal())
    vt = vt * signs[:, None]
    variance = singular**2 / (len(x) - 1)
    return PCABasis(
        mean=mean.astype(np.float32),
        components=vt[:n_components].astype(np.float32),
        explained_variance=variance[:n_components].astype(np.float32),
    )


def _prefix(basis: PCABasis, k: int) -> np.ndarray:
    if not 1 <= k <= basis.max_k:
        raise ValueError(f"k must be between 1 and {basis.max_k}, got {k}")
    return basis.components[:k]


def pca_project(basis: PCABasis, x: np.ndarray, k: int) -> np.ndarray:
    """N x D (or N x 1 x 28 x 28) -> N x k coordinates."""
    flat = np.asarray(x, dtype=np.float32).reshape(len(x), -1)
    return (flat - basis.mean) @ _prefix(basis, k).T


def pca_inverse(basis: PCABasis, coords: np.ndarray) -> np.ndarray:
    """N x k coordinates -> N x D points of the PCA subspace (exact inverse on that subspace)."""
    coords = np.asarray(coords, dtype=np.float32)
    return coords @ _prefix(basis, coords.shape[1]) + basis.mean


def pca_reconstruct(basis: PCABasis, x: np.ndarray, k: int) -> np.ndarray:
    """Reconstruction at k components, clipped to the valid pixel range, in x's shape."""
    flat = pca_inverse(basis, pca_project(basis, x, k))
    return np.clip(flat, 0.0, 1.0).reshape(np.shape(x))
