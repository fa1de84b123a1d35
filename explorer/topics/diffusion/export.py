"""The Diffusion page's downloads: the forward noising of one digit and the reverse walk from static to
the samples as animated GIFs, the samples as a PNG."""

from __future__ import annotations

import numpy as np

from explorer.core.animation import gif_bytes, grid_png, side_by_side
from explorer.core.images import tile
from explorer.topics.diffusion.logic import ForwardFrames, ReverseFrames

SAMPLE_COLUMNS = 4  # 16 samples as a 4 x 4 grid


def forward_gif(frames: ForwardFrames) -> bytes:
    """x_t of one digit from t = 0 to the last step, one frame per kept step; noise beyond the range clips."""
    pixels = (np.asarray(frames.images, np.float32) + 1.0) / 2.0  # signal range [-1, 1] -> pixels [0, 1]
    return gif_bytes(list(pixels), factor=6, captions=[f"t = {step}" for step in frames.steps], frame_ms=80)


def reverse_gif(frames: ReverseFrames) -> bytes:
    """Per kept step: x_t of the 16 samples on the left, the network's guess of x_0 on the right; then the
    samples themselves."""
    pictures = [side_by_side(tile(noisy, SAMPLE_COLUMNS), tile(guess, SAMPLE_COLUMNS))
                for noisy, guess in zip(frames.noisy, frames.predicted, strict=True)]
    pictures.append(side_by_side(tile(frames.samples, SAMPLE_COLUMNS), tile(frames.samples, SAMPLE_COLUMNS)))
    captions = [f"t = {step}: x_t | guess of x_0" for step in frames.steps] + ["the samples"]
    return gif_bytes(pictures, factor=2, captions=captions)


def samples_png(frames: ReverseFrames) -> bytes:
    return grid_png(frames.samples, SAMPLE_COLUMNS, factor=4)
