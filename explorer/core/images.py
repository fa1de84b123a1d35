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


def tile(images: np.ndarray, columns: int, gap: int = 2, bottom_up: bool = False) -> np.ndarray:
    """N x H x W (or N x 1 x H x W) images in [0, 1] -> one grid image, `columns` wide, grey gaps between.
    bottom_up puts the first row of images at the bottom, so that a picture of a plane has the plane's up."""
    images = np.asarray(images, dtype=np.float32)
    images = images.reshape(len(images), *images.shape[-2:])
    n, h, w = images.shape
    rows = -(-n // columns)
    grid = np.full((rows * (h + gap) - gap, columns * (w + gap) - gap), 0.5, dtype=np.float32)
    for i, image in enumerate(images):
        r, c = divmod(i, columns)
        r = rows - 1 - r if bottom_up else r
        grid[r * (h + gap):r * (h + gap) + h, c * (w + gap):c * (w + gap) + w] = image
    return grid


def strip(images: np.ndarray, factor: int = 3, gap: int = 1) -> np.ndarray:
    """A row of images as one enlarged uint8 picture: one image to send instead of N keeps a
    per-epoch redraw cheap."""
    return enlarge(tile(images, columns=len(images), gap=gap), factor)


def heat_map(errors: np.ndarray, vmax: float, factor: int = 4) -> np.ndarray:
    """H x W errors -> enlarged H x W x 3 colours from black (none) through red and yellow to white (vmax)."""
    level = np.clip(np.asarray(errors, dtype=np.float32) / max(vmax, 1e-12), 0.0, 1.0)
    rgb = np.stack([np.clip(3 * level, 0, 1), np.clip(3 * level - 1, 0, 1), np.clip(3 * level - 2, 0, 1)], axis=-1)
    pixels = (rgb * 255 + 0.5).astype(np.uint8)
    return np.kron(pixels, np.ones((factor, factor, 1), dtype=np.uint8))
