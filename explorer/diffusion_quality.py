"""How digit-like a batch of images is, in the eyes of the shipped digit classifier."""

from __future__ import annotations

import math

import numpy as np


def digit_likeness(probabilities: np.ndarray) -> dict:
    """N x 10 class probabilities -> mean top-class confidence and how evenly the classes are used.

    class_spread is the entropy of the predicted-class histogram over log(10): 1 when every digit
    appears equally often, 0 when every sample is the same digit (a sampler stuck on one mode).
    """
    probabilities = np.asarray(probabilities, dtype=np.float64)
    counts = np.bincount(probabilities.argmax(axis=1), minlength=probabilities.shape[1])
    shares = counts[counts > 0] / counts.sum()
    return {
        "mean_confidence": float(probabilities.max(axis=1).mean()),
        "class_spread": float(abs((shares * np.log(shares)).sum()) / math.log(probabilities.shape[1])),
        "class_counts": counts.tolist(),
        "images": int(len(probabilities)),
    }
