"""Decodes tinted by the classifier's confidence: white strokes on a background that turns red as the
classifier grows unsure, so a strip or a decoded plane shows at a glance which decodes are no clear digit.
The maps' shading (figures.py) uses the same red."""

from __future__ import annotations

import numpy as np

from explorer.core.images import tile

UNSURE_RED = np.array([0.86, 0.16, 0.16], np.float32)  # the background of a decode the classifier finds no digit in


def unsure_colour(confidence: np.ndarray) -> np.ndarray:
    """(...,) confidences -> (..., 3) background colours: black when sure, redder the less sure."""
    return (1.0 - np.clip(np.asarray(confidence, np.float32), 0.0, 1.0))[..., None] * UNSURE_RED


def tinted(images: np.ndarray, confidences: np.ndarray) -> np.ndarray:
    """N x 28 x 28 (or N x 1 x 28 x 28) images in [0, 1] -> N x 28 x 28 x 3: each image's ink drawn in white
    over its confidence's background colour."""
    ink = np.clip(np.asarray(images, np.float32).reshape(len(images), 28, 28, 1), 0.0, 1.0)
    background = unsure_colour(confidences)[:, None, None, :]
    return ink + (1.0 - ink) * background


def tinted_tiles(images: np.ndarray, confidences: np.ndarray, columns: int, *, gap: int = 2,
                 bottom_up: bool = False, factor: int = 2) -> np.ndarray:
    """The tinted images laid out `columns` wide (see core.images.tile), enlarged: H x W x 3 uint8."""
    colours = tinted(images, confidences)
    grid = np.stack([tile(colours[..., channel], columns, gap, bottom_up) for channel in range(3)], axis=-1)
    pixels = (np.clip(grid, 0.0, 1.0) * 255 + 0.5).astype(np.uint8)
    return np.kron(pixels, np.ones((factor, factor, 1), np.uint8))
