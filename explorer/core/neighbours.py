"""Exact nearest neighbours among codes or map points (by scikit-learn), and each image's distance to the nearest
of a set of images."""

from __future__ import annotations

import numpy as np
from sklearn.neighbors import NearestNeighbors


def nearest(reference: np.ndarray, queries: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """(distances, indices), each M x count: the `count` reference points nearest each query, nearest first.

    Brute force: with a few thousand reference points, building a search tree for each call cost a click
    about ten times more than comparing against every point (measured: 11 ms with a k-d tree, 52 ms with
    scikit-learn's automatic choice, 6 ms brute, 5,000 codes of 16 numbers, one query)."""
    search = NearestNeighbors(n_neighbors=min(count, len(reference)), algorithm="brute")
    distances, indices = search.fit(np.asarray(reference, np.float32)).kneighbors(np.asarray(queries, np.float32))
    return distances.astype(np.float32), indices


def nearest_mse(reference: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """M: each query image's pixel MSE to the nearest reference image (any shapes N x ..., M x ..., with the same
    pixels per image).

    Plain numpy, |q|^2 + |r|^2 - 2 q.r: for 1,000 digits against 4,000 it took 55 ms against scikit-learn's 350 ms
    (2 busy CPU cores), and agrees with it to 2e-7."""
    r = np.asarray(reference, np.float32).reshape(len(reference), -1)
    q = np.asarray(queries, np.float32).reshape(len(queries), -1)
    if q.shape[1] != r.shape[1]:
        raise ValueError(f"{q.shape[1]} pixels per query, {r.shape[1]} per reference image")
    squared = (q * q).sum(1)[:, None] + (r * r).sum(1)[None, :] - 2 * q @ r.T  # M x N
    return np.maximum(squared.min(axis=1), 0) / q.shape[1]
