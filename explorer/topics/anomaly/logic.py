"""The Anomaly page's logic: reconstruction error as an anomaly score, thresholds, ROC and AUC."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.models.base import Autoencoder
from explorer.models.inference import reconstruct


@dataclass(frozen=True)
class Roc:
    """The ROC curve of a score: a threshold between each pair of distinct scores."""

    false_positive_rate: np.ndarray  # starts at 0 (threshold above every score), ends at 1
    true_positive_rate: np.ndarray
    thresholds: np.ndarray  # flagged as anomalous: score >= threshold; the first is +inf
    auc: float  # area under the curve: the chance a random anomaly outscores a random normal image


def roc(scores: np.ndarray, is_anomaly: np.ndarray) -> Roc:
    """ROC of `scores` (higher = more anomalous) against the true labels, with a point at every distinct score
    (ties are one step) so the page can mark any threshold on the curve; the area by the trapezoid rule.

    The same curve as scikit-learn's roc_curve(drop_intermediate=False) (tests/unit/test_anomaly.py checks it
    against it), in numpy: importing scikit-learn's metrics cost the page's first open 1.2 s on 2 cores."""
    scores = np.asarray(scores, dtype=np.float64)
    is_anomaly = np.asarray(is_anomaly, dtype=bool)
    if is_anomaly.all() or not is_anomaly.any():
        raise ValueError("an ROC curve needs both anomalous and normal images")
    order = np.argsort(-scores, kind="stable")
    ranked, hits = scores[order], is_anomaly[order]
    last_of_each_score = np.r_[np.flatnonzero(np.diff(ranked)), len(ranked) - 1]  # flagging down to that score
    flagged_anomalies = np.cumsum(hits)[last_of_each_score]
    flagged_normal = last_of_each_score + 1 - flagged_anomalies
    fpr = np.r_[0.0, flagged_normal / flagged_normal[-1]]
    tpr = np.r_[0.0, flagged_anomalies / flagged_anomalies[-1]]
    thresholds = np.r_[np.inf, ranked[last_of_each_score]]  # flag nothing first
    return Roc(false_positive_rate=fpr, true_positive_rate=tpr, thresholds=thresholds,
               auc=float(np.trapezoid(tpr, fpr)))


@dataclass(frozen=True)
class ThresholdResult:
    threshold: float
    flagged: int  # images with score >= threshold
    true_positives: int
    precision: float  # of the flagged images, the fraction that are anomalies (1.0 if none flagged)
    recall: float  # of the anomalies, the fraction flagged
    false_positive_rate: float  # of the normal images, the fraction flagged


def at_threshold(scores: np.ndarray, is_anomaly: np.ndarray, threshold: float) -> ThresholdResult:
    flagged = np.asarray(scores) >= threshold
    is_anomaly = np.asarray(is_anomaly, dtype=bool)
    true_positives = int((flagged & is_anomaly).sum())
    return ThresholdResult(
        threshold=float(threshold),
        flagged=int(flagged.sum()),
        true_positives=true_positives,
        precision=true_positives / flagged.sum() if flagged.any() else 1.0,
        recall=true_positives / max(int(is_anomaly.sum()), 1),
        false_positive_rate=float((flagged & ~is_anomaly).sum() / max(int((~is_anomaly).sum()), 1)),
    )


DEFAULT_FALSE_ALARMS = 0.05  # the share of normal images that the starting threshold flags: a common first choice


def default_threshold(scores: np.ndarray, is_anomaly: np.ndarray, false_alarms: float = DEFAULT_FALSE_ALARMS) -> float:
    """The threshold that flags the share `false_alarms` of the normal images."""
    return float(np.quantile(np.asarray(scores)[~np.asarray(is_anomaly, dtype=bool)], 1 - false_alarms))


def most_anomalous(scores: np.ndarray, count: int) -> np.ndarray:
    """Indices of the `count` highest scores, highest first."""
    return np.argsort(-np.asarray(scores), kind="mergesort")[:count]


@dataclass(frozen=True)
class ErrorMaps:
    """Images, reconstructions and where they differ: the squared error of each pixel."""

    images: np.ndarray  # n x 1 x 28 x 28
    reconstructions: np.ndarray  # n x 1 x 28 x 28
    pixel_errors: np.ndarray  # n x 28 x 28
    scores: np.ndarray  # n: the mean of each map, the image's anomaly score (MSE)


def error_maps(model: Autoencoder, images: np.ndarray) -> ErrorMaps:
    reconstructions = reconstruct(model, images)
    pixel_errors = ((np.asarray(images, np.float32) - reconstructions) ** 2)[:, 0]
    return ErrorMaps(images=images, reconstructions=reconstructions, pixel_errors=pixel_errors,
                     scores=pixel_errors.reshape(len(images), -1).mean(axis=1))
