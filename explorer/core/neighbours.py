"""Exact nearest neighbours among codes or map points, by scikit-learn."""

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
