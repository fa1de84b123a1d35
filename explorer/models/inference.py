"""numpy in, numpy out: what pages call to run a model, so that pages never touch torch."""

from __future__ import annotations

import numpy as np
import torch

from explorer.models.base import Autoencoder


def _batch(images: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(np.ascontiguousarray(images, dtype=np.float32))


@torch.inference_mode()
def embed(model: Autoencoder, images: np.ndarray) -> np.ndarray:
    """N x 1 x 28 x 28 -> N x k deterministic codes."""
    return model.embed(_batch(images)).numpy()


@torch.inference_mode()
def decode(model: Autoencoder, codes: np.ndarray) -> np.ndarray:
    """N x k codes -> N x 1 x 28 x 28 images in [0, 1]."""
    return model.decode(_batch(codes)).numpy()


@torch.inference_mode()
def reconstruct(model: Autoencoder, images: np.ndarray) -> np.ndarray:
    """N x 1 x 28 x 28 -> its deterministic reconstruction, same shape."""
    return model.reconstruct(_batch(images)).numpy()


def per_image_mse(images: np.ndarray, reconstructions: np.ndarray) -> np.ndarray:
    """Mean squared error per image over its pixels: shape (N,)."""
    diff = np.asarray(images, np.float32) - np.asarray(reconstructions, np.float32)
    return (diff.reshape(len(diff), -1) ** 2).mean(axis=1)
