"""Reconstruction error digit by digit, beside each digit's ink: why some normal digits score as high as anomalies."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def ink(images: np.ndarray) -> np.ndarray:
    """Each image's mean pixel value: 0 for a black square, higher the more (and brighter) strokes it has."""
    images = np.asarray(images, dtype=np.float64)
    return images.reshape(len(images), -1).mean(axis=1)


@dataclass(frozen=True)
class DigitErrors:
    """One model's mean error and mean ink for each digit of the test split, and which digit it never saw."""

    held_out: int
    digits: np.ndarray  # the digits present, ascending
    mean_error: np.ndarray  # mean per-image MSE of each digit's test images
    mean_ink: np.ndarray  # mean ink of each digit's test images
    normal_mean_error: float  # over every normal test image (not a mean of the digits' means)
    normal_mean_ink: float
    normal_images: int
    # The normal images whose error is above the unseen digit's mean, the ones a threshold there would flag:
    # how many, and their mean ink as a multiple of normal_mean_ink (0 if there are none).
    normal_above_unseen: int
    ink_of_normal_above_unseen: float

    def error_of(self, digit: int) -> float:
        return float(self.mean_error[self.digits == digit][0])

    def ink_of(self, digit: int) -> float:
        """Mean ink of the digit as a multiple of the average normal image's: below 1 for a thin digit."""
        return float(self.mean_ink[self.digits == digit][0] / self.normal_mean_ink)

    @property
    def is_normal(self) -> np.ndarray:
        return self.digits != self.held_out

    @property
    def normal_digits_above_unseen(self) -> list[int]:
        """The normal digits whose mean error is above the unseen digit's: the ones that hide it."""
        above = self.is_normal & (self.mean_error > self.error_of(self.held_out))
        return self.digits[above].tolist()

    @property
    def inkiest_normal(self) -> int:
        return int(self.digits[self.is_normal][np.argmax(self.mean_ink[self.is_normal])])

    @property
    def thinnest_normal(self) -> int:
        return int(self.digits[self.is_normal][np.argmin(self.mean_ink[self.is_normal])])

    @property
    def worst_normal(self) -> int:
        """The normal digit with the highest mean error."""
        return int(self.digits[self.is_normal][np.argmax(self.mean_error[self.is_normal])])

    @property
    def ink_error_correlation(self) -> float:
        """Pearson correlation of mean ink and mean error over the normal digits: near 1 when inkier
        digits are redrawn with more error, a pattern that no threshold on the error can undo."""
        return float(np.corrcoef(self.mean_ink[self.is_normal], self.mean_error[self.is_normal])[0, 1])


def errors_by_digit(scores: np.ndarray, labels: np.ndarray, image_ink: np.ndarray, held_out: int) -> DigitErrors:
    scores, labels, image_ink = np.asarray(scores), np.asarray(labels), np.asarray(image_ink)
    digits = np.unique(labels)
    normal = labels != held_out
    normal_mean_ink = float(image_ink[normal].mean())
    above_unseen = normal & (scores > scores[~normal].mean())
    return DigitErrors(
        held_out=held_out,
        digits=digits,
        mean_error=np.array([scores[labels == digit].mean() for digit in digits]),
        mean_ink=np.array([image_ink[labels == digit].mean() for digit in digits]),
        normal_mean_error=float(scores[normal].mean()),
        normal_mean_ink=normal_mean_ink,
        normal_images=int(normal.sum()),
        normal_above_unseen=int(above_unseen.sum()),
        ink_of_normal_above_unseen=ink_against_normal(image_ink, above_unseen, ~normal),
    )


def ink_against_normal(image_ink: np.ndarray, chosen: np.ndarray, is_anomaly: np.ndarray) -> float:
    """How many times the ink of the average normal test image the `chosen` images (indices or a mask) carry;
    0 if none is chosen."""
    chosen_ink = np.asarray(image_ink)[chosen]
    normal_ink = np.asarray(image_ink)[~np.asarray(is_anomaly, dtype=bool)]
    return float(chosen_ink.mean() / normal_ink.mean()) if chosen_ink.size else 0.0
