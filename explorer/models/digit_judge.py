"""A digit judge that tells digits from static: where images fall in the shipped classifier's features, against
the neighbourhoods of real held-out digits (explorer/core/realism.py: realism, precision, recall, FID).

The classifier's top-class confidence alone cannot do it: it must name one of ten digits for any picture, and
names pure static with high confidence. Its features (the 128 numbers its last layer reads) separate the two:
static lands far from every real digit there."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from explorer.core.json_record import JsonRecord
from explorer.core.realism import NEIGHBOURS, frechet_distance, knn_radii, precision_recall, realism_scores
from explorer.models.digit_likeness import digit_likeness

REAL_ENOUGH = 1.0  # realism at or above 1: inside at least one real digit's neighbourhood
JUDGE_GROUP = "digit_judge"  # the shipped group: the reference ladder and the pages' judged sample sets
FAR_SHARE = 0.1  # "far below real digits": under a tenth of their share judged real...
FAR_FID = 10.0  # ...and a Fréchet distance over ten times the autoencoder's redrawn digits'
STANDARD_ERRORS = 2  # two shares judged real closer than this many standard errors are too close to call


@dataclass(frozen=True)
class JudgeScores(JsonRecord):
    """One set of images, judged against the reference digits."""

    realism: float  # median per-image realism: 1 or more is inside a real digit's neighbourhood
    share_real: float  # share of images whose realism is at least REAL_ENOUGH
    precision: float  # share of images inside some reference digit's k-NN ball
    recall: float  # share of reference digits inside some image's k-NN ball (grows with the set's size)
    fid: float  # Fréchet distance between the Gaussian fits of the two sets' features (0: alike)
    mean_confidence: float  # the classifier's old measure, kept beside for comparison
    images: int
    method: str = ""  # what made the images, in words for a reader



@torch.inference_mode()
def features_and_probabilities(classifier: nn.Module, images: np.ndarray,
                               batch_size: int = 500) -> tuple[np.ndarray, np.ndarray]:
    """N x 28 x 28 (or N x 1 x 28 x 28) images in [0, 1] -> the classifier's penultimate layer (N x 128, after
    its ReLU) and its class probabilities (N x 10)."""
    classifier.eval()
    batch = torch.from_numpy(np.asarray(images, np.float32).reshape(-1, 1, 28, 28))
    body, head = classifier.net[:-1], classifier.net[-1]
    features = torch.cat([body(batch[i:i + batch_size]) for i in range(0, len(batch), batch_size)])
    return features.numpy().astype(np.float64), head(features).softmax(dim=1).numpy()


class DigitJudge:
    """The classifier and the reference: real held-out digits' features and their k-NN radii."""

    def __init__(self, classifier: nn.Module, reference_images: np.ndarray, k: int = NEIGHBOURS):
        self.classifier, self.k = classifier, k
        self.reference, _ = features_and_probabilities(classifier, reference_images)
        self.radii = knn_radii(self.reference, k)

    def realism(self, images: np.ndarray) -> np.ndarray:
        """Per image: how real it looks (1 or more: inside a real digit's neighbourhood)."""
        return realism_scores(self.reference, self.radii, features_and_probabilities(self.classifier, images)[0])

    def judge(self, images: np.ndarray, method: str = "") -> JudgeScores:
        features, probabilities = features_and_probabilities(self.classifier, images)
        realism = realism_scores(self.reference, self.radii, features)
        precision, recall = precision_recall(self.reference, features, self.k)
        return JudgeScores(
            realism=float(np.median(realism)), share_real=float((realism >= REAL_ENOUGH).mean()),
            precision=precision, recall=recall, fid=frechet_distance(self.reference, features),
            mean_confidence=digit_likeness(probabilities).mean_confidence, images=len(features), method=method)


def judged(scores: dict) -> dict[str, JudgeScores]:
    """A group's {key: scores as the manifest holds them} as JudgeScores, in the same order."""
    return {key: JudgeScores.from_json(values) for key, values in scores.items()}


def too_close_to_call(first: JudgeScores, second: JudgeScores, errors: float = STANDARD_ERRORS) -> bool:
    """Whether two sets' shares judged real differ by less than `errors` standard errors of their difference:
    other draws of the same sizes could well swap them."""
    spread = sum(s.share_real * (1 - s.share_real) / s.images for s in (first, second)) ** 0.5
    return abs(first.share_real - second.share_real) < errors * spread


def far_below(images: JudgeScores, real: JudgeScores, redrawn: JudgeScores) -> bool:
    """Whether a set scores far below real digits: under a tenth of their share judged real, below the
    autoencoder's redrawn digits, and a Fréchet distance more than ten times the redrawn digits'. The redrawn
    digits are the yardstick because they are what a good autoencoder makes: blurred, yet plainly digits."""
    return (images.share_real < FAR_SHARE * real.share_real and images.share_real < redrawn.share_real
            and images.fid > FAR_FID * redrawn.fid)


def reference_split(test_images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The held-out test digits in two halves, each with every digit (the split is sorted by digit): the judge's
    reference, and real digits to judge against it (a digit judged against itself would look perfectly real)."""
    return test_images[0::2], test_images[1::2]
