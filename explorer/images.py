"""Turning 28 x 28 arrays into pictures a browser shows crisply."""

from __future__ import annotations

import numpy as np


def to_uint8(image: np.ndarray) -> np.ndarray:
    """[0, 1] floats (any leading 1-sized axes) -> H x W uint8."""
    image = np.asarray(image, dtype=np.float32)
    while image.ndim > 2 and image.shape[0] == 1:
        image = image[0]
    return (np.clip(image, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)


def enlarge(image: np.ndarray, factor: int = 4) -> np.ndarray:
    """Nearest-neighbour upscaling: browsers blur small images, and blur hides pixels."""
    pixels = to_uint8(image)
    return np.kron(pixels, np.ones((factor, factor), dtype=np.uint8))


def tile(images: np.ndarray, factor: int = 3, gap: int = 2) -> np.ndarray:
    """A row of N x 1 x 28 x 28 images as one enlarged uint8 strip, a thin white gap between them:
    one picture to send instead of N, which keeps a per-epoch redraw cheap."""
    enlarged = [enlarge(image, factor) for image in images]
    spacer = np.full((enlarged[0].shape[0], gap), 255, np.uint8)
    return np.concatenate([part for image in enlarged for part in (image, spacer)][:-1], axis=1)
