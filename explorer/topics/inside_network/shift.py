"""Moving digits by whole pixels, and what that does to a model's reconstruction error."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.models.base import Autoencoder
from explorer.models.inference import per_image_mse, reconstruct

SHIFTS = (0, 1, 2, 3, 4)  # pixels
DIRECTIONS = {"right": (0, 1), "down": (1, 0), "left": (0, -1), "up": (-1, 0)}  # (rows, columns) per pixel


def shift_images(images: np.ndarray, rows: int, columns: int) -> np.ndarray:
    """... x H x W images moved `rows` down and `columns` right (negative: up, left); zeros fill in, what
    leaves the frame is lost."""
    images = np.asarray(images, np.float32)
    height, width = images.shape[-2:]
    moved = np.zeros_like(images)
    target_rows = slice(max(rows, 0), height + min(rows, 0))
    source_rows = slice(max(-rows, 0), height + min(-rows, 0))
    target_columns = slice(max(columns, 0), width + min(columns, 0))
    source_columns = slice(max(-columns, 0), width + min(-columns, 0))
    moved[..., target_rows, target_columns] = images[..., source_rows, source_columns]
    return moved


def shifted(images: np.ndarray, pixels: int, direction: str) -> np.ndarray:
    rows, columns = DIRECTIONS[direction]
    return shift_images(images, rows * pixels, columns * pixels)


@dataclass(frozen=True)
class ShiftCurve:
    shifts: list[int]
    mse: list[float]  # mean reconstruction MSE per pixel of the shifted test digits, one per shift

    def growth(self) -> float:
        """How many times the error at the largest shift is the error of the digits as they are."""
        return self.mse[-1] / self.mse[0]

    def added(self) -> float:
        """How much error the largest shift adds to the error of the digits as they are."""
        return self.mse[-1] - self.mse[0]


def shift_error_curve(model: Autoencoder, images: np.ndarray, shifts=SHIFTS) -> ShiftCurve:
    """Each shift's error, averaged over the four directions: reconstruction against the shifted digit."""
    mse = []
    for pixels in shifts:
        directions = list(DIRECTIONS) if pixels else ["right"]  # unshifted, every direction is the same
        errors = [per_image_mse(moved, reconstruct(model, moved))
                  for moved in (shifted(images, pixels, direction) for direction in directions)]
        mse.append(float(np.mean(errors)))
    return ShiftCurve(list(shifts), mse)


@dataclass(frozen=True)
class ShiftRow:
    """One digit moved by each shift, and a model's reconstruction of each."""

    shifts: list[int]
    inputs: np.ndarray  # S x 28 x 28
    reconstructions: np.ndarray  # S x 28 x 28
    mse: np.ndarray  # S


def shift_row(model: Autoencoder, image: np.ndarray, direction: str = "right", shifts=SHIFTS) -> ShiftRow:
    moved = np.stack([shifted(np.asarray(image, np.float32).reshape(1, 28, 28), pixels, direction)
                      for pixels in shifts])  # S x 1 x 28 x 28
    recon = reconstruct(model, moved)
    return ShiftRow(list(shifts), moved[:, 0], recon[:, 0], per_image_mse(moved, recon))
