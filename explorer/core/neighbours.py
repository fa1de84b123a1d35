"""Exact nearest neighbours among codes, map points or features, and each image's distance to the nearest of a set
of images.

Plain numpy, brute force (|q|^2 + |r|^2 - 2 q.r in float64, the queries in chunks): with a few thousand reference
points, comparing against every point was the fastest exact search measured (6 ms for 5,000 codes of 16 numbers and
one query with scikit-learn's brute search, 11 ms with a k-d tree), and it spares a server importing scikit-learn
and SciPy (0.8 s of its start-up on 2 cores)."""

from __future__ import annotations

import numpy as np

CHUNK_CELLS = 4_000_000  # distances held at once (32 MB of float64): a chunk of queries against every reference


def sorted_neighbours(reference: np.ndarray, queries: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """(distances in float64, indices), each M x count: the `count` reference points nearest each query, nearest
    first. A query that is itself in `reference` finds itself first, at distance 0."""
    r = np.asarray(reference, np.float64).reshape(len(reference), -1)
    q = np.asarray(queries, np.float64).reshape(len(queries), -1)
    count = min(count, len(r))
    r_squared = (r * r).sum(1)
    chunk = max(1, CHUNK_CELLS // max(len(r), 1))
    distances, indices = [], []
    for start in range(0, len(q), chunk):
        part = q[start:start + chunk]
        squared = (part * part).sum(1)[:, None] + r_squared[None, :] - 2 * part @ r.T
        chosen = np.argpartition(squared, count - 1, axis=1)[:, :count]
        chosen_squared = np.take_along_axis(squared, chosen, axis=1)
        order = np.argsort(chosen_squared, axis=1, kind="stable")
        indices.append(np.take_along_axis(chosen, order, axis=1))
        distances.append(np.sqrt(np.maximum(np.take_along_axis(chosen_squared, order, axis=1), 0.0)))
    if not distances:
        return np.zeros((0, count)), np.zeros((0, count), dtype=np.int64)
    return np.concatenate(distances), np.concatenate(indices)


def nearest(reference: np.ndarray, queries: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """(distances in float32, indices), each M x count: the `count` reference points nearest each query, nearest
    first."""
    distances, indices = sorted_neighbours(reference, queries, count)
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
