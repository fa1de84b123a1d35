"""Decodes tinted by the digit judge's verdict: white strokes on a background that turns red as the decode's
realism falls below real digits', so a strip or a decoded plane shows at a glance which decodes are no clear
digit. The maps' shading (figures.py) uses the same red."""

from __future__ import annotations

import numpy as np

from explorer.core.images import tile
from explorer.models.digit_judge import REAL_ENOUGH

NO_DIGIT_REALISM = 0.5  # at or below this realism, fully red: a blank image scores about 0.5, static 0.66

UNSURE_RED = np.array([0.86, 0.16, 0.16], np.float32)  # the background of a decode judged no digit


def clearness(realism: np.ndarray) -> np.ndarray:
    """(...,) realism -> (...,) in [0, 1] for the tint: 1 (no red) when judged real, 0 (full red) at
    NO_DIGIT_REALISM or below, in between on a straight line."""
    return np.clip((np.asarray(realism, np.float32) - NO_DIGIT_REALISM) / (REAL_ENOUGH - NO_DIGIT_REALISM), 0.0, 1.0)


def unsure_colour(clear: np.ndarray) -> np.ndarray:
    """(...,) clearness in [0, 1] -> (..., 3) background colours: black at 1, redder the lower."""
    return (1.0 - np.clip(np.asarray(clear, np.float32), 0.0, 1.0))[..., None] * UNSURE_RED


def tinted(images: np.ndarray, clear: np.ndarray) -> np.ndarray:
    """N x 28 x 28 (or N x 1 x 28 x 28) images in [0, 1] -> N x 28 x 28 x 3: each image's ink drawn in white
    over its clearness's background colour."""
    ink = np.clip(np.asarray(images, np.float32).reshape(len(images), 28, 28, 1), 0.0, 1.0)
    background = unsure_colour(clear)[:, None, None, :]
    return ink + (1.0 - ink) * background


def tinted_tiles(images: np.ndarray, clear: np.ndarray, columns: int, *, gap: int = 2,
                 bottom_up: bool = False, factor: int = 2) -> np.ndarray:
    """The tinted images laid out `columns` wide (see core.images.tile), enlarged: H x W x 3 uint8."""
    colours = tinted(images, clear)
    grid = np.stack([tile(colours[..., channel], columns, gap, bottom_up) for channel in range(3)], axis=-1)
    pixels = (np.clip(grid, 0.0, 1.0) * 255 + 0.5).astype(np.uint8)
    return np.kron(pixels, np.ones((factor, factor, 1), np.uint8))
