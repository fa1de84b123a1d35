"""numpy in, numpy out: which units of a sparse code speak, how often, and what each one draws."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from explorer.models.inference import embed, per_image_mse, reconstruct
from explorer.models.sparse_ae import SparseAE

# A unit counts as quiet on a digit when its value is at most this. The units are ReLUs, so most quiet ones are
# exactly 0; the busy ones reach tens (each unit's picture has length 1, so its value is the ink it adds).
NEAR_ZERO = 0.1


@dataclass(frozen=True)
class CodeUse:
    """How one model uses its code over a set of digits."""

    active_per_digit: np.ndarray  # per digit: how many units are above NEAR_ZERO
    use: np.ndarray  # per unit: the share of digits on which it is above NEAR_ZERO

    @property
    def units(self) -> int:
        return len(self.use)

    @property
    def mean_active(self) -> float:
        return float(self.active_per_digit.mean())

    @property
    def dead(self) -> np.ndarray:
        """Per unit: True when it is quiet on every digit."""
        return self.use == 0

    @property
    def dead_share(self) -> float:
        return float(self.dead.mean())

    def by_use(self) -> np.ndarray:
        """Unit indices, the most used first (ties: the lower index first)."""
        return np.argsort(-self.use, kind="stable")


def active(codes: np.ndarray) -> np.ndarray:
    return np.asarray(codes) > NEAR_ZERO


def code_use(codes: np.ndarray) -> CodeUse:
    """N x units codes -> how many units each digit uses and how often each unit is used."""
    on = active(codes)
    return CodeUse(active_per_digit=on.sum(axis=1), use=on.mean(axis=0))


@torch.inference_mode()
def decoder_features(model: SparseAE) -> np.ndarray:
    """Each unit's decoder weights as a 28 x 28 picture: what the unit adds to the logits when it is 1."""
    return model.features().numpy()  # units x 28 x 28


def feature_pictures(features: np.ndarray) -> np.ndarray:
    """Features -> pictures in [0, 1]: grey is 0, white adds ink, black takes it away; each picture is scaled
    to its own largest weight, so that a faint feature is as readable as a strong one."""
    largest = np.abs(features).max(axis=(-2, -1), keepdims=True)
    return 0.5 + 0.5 * features / np.maximum(largest, 1e-12)


def likeness_to_digits(features: np.ndarray, digits: np.ndarray) -> np.ndarray:
    """Per feature: the cosine similarity of its ink (its positive part) to the nearest of `digits`.

    Near 1, the feature is a whole digit; a stroke or a part of a digit scores lower."""
    ink = np.maximum(features.reshape(len(features), -1), 0.0)
    ink = ink / np.maximum(np.linalg.norm(ink, axis=1, keepdims=True), 1e-12)
    pixels = digits.reshape(len(digits), -1)
    pixels = pixels / np.maximum(np.linalg.norm(pixels, axis=1, keepdims=True), 1e-12)
    return (ink @ pixels.T).max(axis=1)


@dataclass(frozen=True)
class Measured:
    """One shipped model on the test digits: the page's numbers and the manifest's."""

    codes: np.ndarray  # N x units: every test digit's code
    use: CodeUse
    mse: float  # mean reconstruction error per pixel
    likeness: float  # median likeness_to_digits of the units in use

    def to_json(self) -> dict:
        return {"active_units_per_digit": self.use.mean_active, "dead_share": self.use.dead_share,
                "test_mse": self.mse, "feature_likeness_to_digits": self.likeness}


def measure(model: SparseAE, images: np.ndarray) -> Measured:
    codes = embed(model, images)
    use = code_use(codes)
    features = decoder_features(model)[~use.dead]
    likeness = float(np.median(likeness_to_digits(features, images))) if len(features) else float("nan")
    mse = float(per_image_mse(images, reconstruct(model, images)).mean())
    return Measured(codes=codes, use=use, mse=mse, likeness=likeness)


@dataclass(frozen=True)
class DigitThroughCode:
    code: np.ndarray  # units
    reconstruction: np.ndarray  # 1 x 28 x 28
    mse: float

    @property
    def active(self) -> int:
        return int(active(self.code).sum())


def through_code(model: SparseAE, image: np.ndarray) -> DigitThroughCode:
    """One 1 x 28 x 28 digit's code, reconstruction and error under one model."""
    code = embed(model, image[None])[0]
    reconstruction = reconstruct(model, image[None])[0]
    return DigitThroughCode(code=code, reconstruction=reconstruction,
                            mse=float(per_image_mse(image[None], reconstruction[None])[0]))
