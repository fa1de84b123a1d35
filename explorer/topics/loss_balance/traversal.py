"""Walking a trained run's code one coordinate at a time, the most informative coordinates first."""

from __future__ import annotations

import numpy as np
import torch

from explorer.models.base import Autoencoder


@torch.inference_mode()
def traverse(model: Autoencoder, base_code: np.ndarray, offsets: dict[int, float]) -> np.ndarray:
    """Decode `base_code` with some coordinates moved: {dimension: new value} -> 1 x 1 x 28 x 28."""
    code = np.array(base_code, dtype=np.float32).reshape(1, -1)
    for dim, value in offsets.items():
        code[0, dim] = value
    return model.decode(torch.from_numpy(code)).numpy()
