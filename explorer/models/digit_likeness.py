"""How digit-like a batch of images is, in the eyes of the shipped digit classifier."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from explorer.core.json_record import JsonRecord


@dataclass(frozen=True)
class DigitLikeness(JsonRecord):
    """class_spread is the entropy of the predicted-class histogram over log(10): 1 when every digit appears
    equally often, 0 when every image is the same digit (a sampler stuck on one mode)."""

    mean_confidence: float  # the classifier's mean probability of its top class
    class_spread: float
    class_counts: list[int]  # how many images it calls 0, 1, ..., 9
    images: int
    method: str = ""  # what made the images, in words for a reader



def digit_likeness(probabilities: np.ndarray) -> DigitLikeness:
    """N x 10 class probabilities -> mean top-class confidence and how evenly the classes are used."""
    probabilities = np.asarray(probabilities, dtype=np.float64)
    counts = np.bincount(probabilities.argmax(axis=1), minlength=probabilities.shape[1])
    shares = counts[counts > 0] / counts.sum()
    return DigitLikeness(
        mean_confidence=float(probabilities.max(axis=1).mean()),
        class_spread=float(abs((shares * np.log(shares)).sum()) / math.log(probabilities.shape[1])),
        class_counts=counts.tolist(),
        images=int(len(probabilities)),
    )


@torch.inference_mode()
def class_probabilities(classifier: nn.Module, images: torch.Tensor, batch_size: int = 500) -> torch.Tensor:
    """N x 1 x 28 x 28 images in [0, 1] -> N x 10 softmax probabilities."""
    classifier.eval()
    return torch.cat([classifier(images[i:i + batch_size]).softmax(dim=1) for i in range(0, len(images), batch_size)])


def score_images(classifier: nn.Module, images: np.ndarray) -> DigitLikeness:
    """digit_likeness of N x 28 x 28 (or N x 1 x 28 x 28) images in [0, 1] as the classifier sees them."""
    batch = torch.from_numpy(np.asarray(images, np.float32).reshape(-1, 1, 28, 28))
    return digit_likeness(class_probabilities(classifier, batch).numpy())


def reads_right(classifier: nn.Module, images: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Per image: does the classifier read it as its label? (N x 1 x 28 x 28 images in [0, 1])"""
    batch = torch.from_numpy(np.asarray(images, np.float32).reshape(-1, 1, 28, 28))
    return class_probabilities(classifier, batch).argmax(dim=1).numpy() == np.asarray(labels)
