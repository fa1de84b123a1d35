"""How real a set of generated samples looks, measured in some feature space against real samples' features.

Kynkäänniemi et al. (2019, "Improved Precision and Recall Metric for Assessing Generative Models"): put a ball
around each real feature reaching its k-th nearest real neighbour; their union is the real manifold.
- precision: the share of generated features inside some real ball (how many samples look real);
- recall: the share of real features inside some generated ball (how much of the real variety is covered);
- realism of one sample: max over real balls of radius / distance; 1 or more means inside a ball. As the paper
  does, only the half of the balls with the smaller radii count, so that an outlier's huge ball cannot make
  anything look real.
Heusel et al. (2017): the Fréchet distance between Gaussians fitted to the two feature sets (FID when the
features are Inception's; here they are whatever features the caller gives).
"""

from __future__ import annotations

import numpy as np

from explorer.core.neighbours import sorted_neighbours

NEIGHBOURS = 3  # k of the k-NN balls: the paper's choice


def knn_radii(features: np.ndarray, k: int = NEIGHBOURS) -> np.ndarray:
    """Per feature: the distance to its k-th nearest neighbour in the same set (itself not counted)."""
    return sorted_neighbours(features, features, k + 1)[0][:, k]


def _distances(centres: np.ndarray, points: np.ndarray) -> np.ndarray:
    """len(points) x len(centres) Euclidean distances, in float64."""
    centres, points = np.asarray(centres, np.float64), np.asarray(points, np.float64)
    squared = (points ** 2).sum(1)[:, None] + (centres ** 2).sum(1)[None, :] - 2 * points @ centres.T
    return np.sqrt(np.maximum(squared, 0.0))


def inside_share(centres: np.ndarray, radii: np.ndarray, points: np.ndarray) -> float:
    """The share of points that lie inside (or on) at least one ball."""
    return float((_distances(centres, points) <= radii[None, :]).any(axis=1).mean())


def precision_recall(real: np.ndarray, generated: np.ndarray, k: int = NEIGHBOURS) -> tuple[float, float]:
    """Precision and recall of `generated` against `real` (both N x D features)."""
    return (inside_share(real, knn_radii(real, k), generated),
            inside_share(generated, knn_radii(generated, k), real))


def realism_scores(real: np.ndarray, radii: np.ndarray, generated: np.ndarray) -> np.ndarray:
    """Per generated feature: its realism against the real balls whose radius is at most the median."""
    kept = radii <= np.median(radii)
    distances = np.maximum(_distances(real[kept], generated), 1e-12)  # a copy of a real sample: very real
    return (radii[kept][None, :] / distances).max(axis=1)


def frechet_distance(first: np.ndarray, second: np.ndarray) -> float:
    """||μ1 − μ2||² + Tr(Σ1 + Σ2 − 2 (Σ1 Σ2)^½) between the Gaussians fitted to two N x D feature sets."""
    first, second = np.asarray(first, np.float64), np.asarray(second, np.float64)
    mean_gap = first.mean(0) - second.mean(0)
    cov1, cov2 = np.atleast_2d(np.cov(first, rowvar=False)), np.atleast_2d(np.cov(second, rowvar=False))
    # Tr (Σ1 Σ2)^½ = Tr (Σ1^½ Σ2 Σ1^½)^½, a symmetric matrix: its eigenvalues stay real and non-negative even
    # when a set's features are constant in some directions (a blank image's are constant in all).
    values, vectors = np.linalg.eigh(cov1)
    root1 = (vectors * np.sqrt(np.clip(values, 0, None))) @ vectors.T
    cross = np.sqrt(np.clip(np.linalg.eigvalsh(root1 @ cov2 @ root1), 0, None)).sum()
    return float(max(mean_gap @ mean_gap + np.trace(cov1) + np.trace(cov2) - 2 * cross, 0.0))
