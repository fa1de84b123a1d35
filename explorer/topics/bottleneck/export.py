"""The Bottleneck page's download: its three rows (originals, autoencoder, PCA) as one PNG."""

from __future__ import annotations

import numpy as np

from explorer.core.animation import grid_png
from explorer.topics.bottleneck.logic import Comparison


def rows_png(result: Comparison) -> bytes:
    """Row one the test digits, row two the autoencoder's reconstructions, row three PCA's."""
    images = np.concatenate([result.originals, result.ae, result.pca])
    return grid_png(images, columns=len(result.originals), factor=4)
