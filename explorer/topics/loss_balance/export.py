"""The Loss balance page's downloads: the β sweep of the shipped runs and a walk along the code of the
student's run, as animated GIFs."""

from __future__ import annotations

import numpy as np

from explorer.core.animation import gif_bytes
from explorer.core.images import tile
from explorer.models.base import Autoencoder
from explorer.models.gaussian import dims_by_kl
from explorer.topics.loss_balance.references import ReferenceRun
from explorer.topics.loss_balance.traversal import traverse

WALK_VALUES = np.linspace(-3.0, 3.0, 13)  # the values each walked dimension of the code takes, frame by frame
WALK_DIMENSIONS = 8  # the most informative dimensions, one column each


def beta_sweep_gif(references: list[ReferenceRun], originals: np.ndarray) -> bytes:
    """One frame per shipped β, smallest first: the test digits, their reconstructions, and the decodes of
    the same draws from the prior, one row each."""
    frames = [tile(np.concatenate([originals, run.reconstructions, run.samples]), columns=len(originals))
              for run in references]
    captions = [f"beta = {run.beta:g}: digits, reconstructions, prior decodes" for run in references]
    return gif_bytes(frames, factor=3, captions=captions, frame_ms=700, last_frame_ms=1500)


def code_walk_gif(model: Autoencoder, code_means: np.ndarray, kl_per_dim: np.ndarray) -> bytes:
    """One frame per value in WALK_VALUES: column i decodes the average code with dimension i (the
    WALK_DIMENSIONS largest by KL) moved to that value."""
    dims = dims_by_kl(kl_per_dim)[:WALK_DIMENSIONS]
    frames = [tile(np.concatenate([traverse(model, code_means, {dim: value}) for dim in dims]), columns=len(dims))
              for value in WALK_VALUES]
    captions = [f"dimensions {', '.join(str(d + 1) for d in dims)} at {value:+.1f}" for value in WALK_VALUES]
    return gif_bytes(frames, factor=3, captions=captions, frame_ms=150)
