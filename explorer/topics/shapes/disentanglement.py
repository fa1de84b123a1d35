"""numpy in, numpy out: how well a code separates the true factors of a data set, as mutual information and MIG."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIG_IN_ONE_LINE = (
    "For each true factor, MIG takes the share of that factor's information held by the one code dimension that "
    "knows most about it, subtracts the share held by the runner-up dimension, and averages these gaps over the "
    "factors: 1 means every factor lives in a dimension of its own, 0 means each factor is spread over several "
    "dimensions or missing from the code."
)


def discretise(values: np.ndarray, bins: int = 20) -> np.ndarray:
    """N x D floats -> N x D ints in [0, bins): each column cut into `bins` equal-width bins between its own min
    and max (the max goes into the last bin). A constant column goes all into bin 0."""
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError(f"discretise takes an N x D array, not one of shape {values.shape}")
    if bins < 1:
        raise ValueError(f"bins must be at least 1, not {bins}")
    low, span = values.min(axis=0), np.ptp(values, axis=0)
    safe_span = np.where(span > 0, span, 1.0)  # a constant column: every value is its min, so bin 0
    # Multiply before dividing: an integer-valued column then lands exactly on its inner edges, in the upper bin,
    # where dividing first can round under one (15 of 0..22 in 22 bins: 15 / 22 * 22 = 14.999...).
    scaled = (values - low) * bins / safe_span
    return np.clip(np.floor(scaled), 0, bins - 1).astype(np.int64)


def _dense(labels: np.ndarray) -> tuple[np.ndarray, int]:
    """Any 1-D labels -> the same labels as 0..k-1, and k."""
    values, dense = np.unique(labels, return_inverse=True)
    return dense.ravel(), len(values)


def _labels(labels: np.ndarray, name: str) -> np.ndarray:
    labels = np.asarray(labels)
    if labels.ndim != 1 or len(labels) == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of labels, not one of shape {labels.shape}")
    return labels


def entropy(labels: np.ndarray) -> float:
    """The entropy of a 1-D label array, in nats, from its histogram."""
    counts = np.unique(_labels(labels, "labels"), return_counts=True)[1]
    p = counts / counts.sum()
    return float(-(p * np.log(p)).sum())


def mutual_information(a: np.ndarray, b: np.ndarray) -> float:
    """I(a; b) in nats between two 1-D label arrays of the same length, from their joint histogram (the plug-in
    estimate: sum over cells of p(a, b) log p(a, b) / (p(a) p(b)))."""
    a, b = _labels(a, "a"), _labels(b, "b")
    if len(a) != len(b):
        raise ValueError(f"a and b must have the same length, not {len(a)} and {len(b)}")
    (a, ka), (b, kb) = _dense(a), _dense(b)
    n = len(a)
    joint = np.bincount(a * kb + b, minlength=ka * kb).reshape(ka, kb)
    n_a, n_b = joint.sum(axis=1), joint.sum(axis=0)
    rows, cols = np.nonzero(joint)
    n_ab = joint[rows, cols]
    # From counts, n_ab * n / (n_a n_b): independent labels on a full grid give exactly log 1 = 0.
    terms = n_ab / n * np.log(n_ab * n / (n_a[rows] * n_b[cols]))
    return max(0.0, float(terms.sum()))  # never below 0 in exact arithmetic; rounding may dip a hair under


def _checked(codes: np.ndarray, factors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    codes, factors = np.asarray(codes, dtype=np.float64), np.asarray(factors)
    if codes.ndim != 2 or factors.ndim != 2:
        raise ValueError(f"codes must be N x D and factors N x F, not {codes.shape} and {factors.shape}")
    if len(codes) == 0 or codes.shape[1] == 0 or factors.shape[1] == 0:
        raise ValueError(f"codes and factors must not be empty: {codes.shape} and {factors.shape}")
    if len(codes) != len(factors):
        raise ValueError(f"codes and factors must have one row per item each, not {len(codes)} and {len(factors)}")
    if not np.issubdtype(factors.dtype, np.integer):
        raise ValueError(f"factors must be integer factor indices, not {factors.dtype}")
    if not np.isfinite(codes).all():
        raise ValueError("codes hold NaN or infinite values: the model diverged, or the codes were read wrongly")
    return codes, factors


def mi_matrix(codes: np.ndarray, factors: np.ndarray, bins: int = 20) -> np.ndarray:
    """codes N x D (the code means), factors N x F integer indices -> D x F: I(code dim j, discretised; factor k)
    in nats."""
    codes, factors = _checked(codes, factors)
    binned = discretise(codes, bins)
    return np.array([[mutual_information(binned[:, j], factors[:, k]) for k in range(factors.shape[1])]
                     for j in range(codes.shape[1])])


def normalised_mi(mi: np.ndarray, factors: np.ndarray) -> np.ndarray:
    """D x F nats -> D x F shares in [0, 1]: each column divided by its factor's entropy H(v_k), the most any one
    dim can know about it. A factor that never varies holds no information: its column is 0."""
    mi, factors = np.asarray(mi, dtype=np.float64), np.asarray(factors)
    if mi.ndim != 2 or factors.ndim != 2 or mi.shape[1] != factors.shape[1]:
        raise ValueError(f"mi must be D x F and factors N x F, not {mi.shape} and {factors.shape}")
    h = np.array([entropy(factors[:, k]) for k in range(factors.shape[1])])
    return np.divide(mi, h, out=np.zeros_like(mi), where=h > 0)


@dataclass(frozen=True)
class Disentanglement:
    """What a code knows about each true factor, and where. MIG rewards one dim per factor but does not punish one
    dim holding several factors: dim_factors and dim_shares show that side."""

    mi: np.ndarray  # D x F: I(code dim; factor), nats
    normalised: np.ndarray  # D x F: mi over each factor's entropy, in [0, 1]
    gaps: np.ndarray  # per factor: normalised MI of its best dim minus that of the runner-up
    mig: float  # the mean of gaps (Chen et al. 2018, "Isolating Sources of Disentanglement in VAEs")
    best_dims: np.ndarray  # per factor: the dim with the most MI about it
    dim_factors: np.ndarray  # per dim: the factor it holds the largest share of
    dim_shares: np.ndarray  # per dim: that largest share


def measure(codes: np.ndarray, factors: np.ndarray, bins: int = 20) -> Disentanglement:
    """codes N x D (the code means), factors N x F integer indices -> the MI matrices, MIG and who holds what."""
    codes, factors = _checked(codes, factors)
    if codes.shape[1] < 2:
        raise ValueError(f"MIG compares the best code dim with the runner-up, so it needs at least 2 dims, "
                         f"not {codes.shape[1]}")
    mi = mi_matrix(codes, factors, bins)
    normalised = normalised_mi(mi, factors)
    top_two = -np.sort(-normalised, axis=0)[:2]  # 2 x F: best and runner-up share per factor
    gaps = top_two[0] - top_two[1]
    return Disentanglement(mi=mi, normalised=normalised, gaps=gaps, mig=float(gaps.mean()),
                           best_dims=mi.argmax(axis=0), dim_factors=normalised.argmax(axis=1),
                           dim_shares=normalised.max(axis=1))
