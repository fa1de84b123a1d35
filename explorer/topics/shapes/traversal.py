"""Latent traversals: one shape's code, one dimension walked across the prior's range at a time, decoded."""

from __future__ import annotations

import numpy as np
import torch

from explorer.models.gaussian import GaussianVAE
from explorer.topics.shapes.settings import TRAVERSAL_REACH, TRAVERSAL_STEPS


@torch.inference_mode()
def code_of(model: GaussianVAE, image: np.ndarray) -> np.ndarray:
    """The mean of one image's posterior: k floats."""
    return model.encode(torch.from_numpy(np.asarray(image, np.float32).reshape(1, 1, 28, 28))).mean[0].numpy()


def walk_values(steps: int = TRAVERSAL_STEPS, reach: float = TRAVERSAL_REACH) -> np.ndarray:
    return np.linspace(-reach, reach, steps, dtype=np.float32)


@torch.inference_mode()
def traversal_rows(model: GaussianVAE, start: np.ndarray, dims: list[int],
                   values: np.ndarray | None = None) -> np.ndarray:
    """Row i: `start` with dimension dims[i] set to each of `values` in turn, decoded.
    -> len(dims) x len(values) x 1 x 28 x 28."""
    values = walk_values() if values is None else values
    codes = np.repeat(np.asarray(start, np.float32)[None, None], len(dims), axis=0).repeat(len(values), axis=1)
    for row, dim in enumerate(dims):
        codes[row, :, dim] = values  # len(dims) x len(values) x k
    decoded = model.decode(torch.from_numpy(codes.reshape(-1, codes.shape[-1])))  # (rows·steps) x 1 x 28 x 28
    return decoded.numpy().reshape(len(dims), len(values), 1, 28, 28)


def walk_change(rows: np.ndarray) -> np.ndarray:
    """How much each row's walk changes the picture: the summed absolute pixel difference between its two ends,
    in pixels' worth of ink (a full white pixel counts 1)."""
    return np.abs(rows[:, -1] - rows[:, 0]).reshape(len(rows), -1).sum(axis=1)
