"""The Latent map page's download: the straight walk from A's code to B's, both models' decodes side by
side, as an animated GIF that walks there and back."""

from __future__ import annotations

import numpy as np

from explorer.core.animation import gif_bytes, side_by_side
from explorer.topics.latent_map.logic import KINDS


def walk_gif(decodes: dict[str, np.ndarray], a: int, b: int) -> bytes:
    """decodes: {kind: steps x 28 x 28} from A to B. Frames go A -> B -> A, the ends held a little longer."""
    left, right = (np.asarray(decodes[kind], np.float32).reshape(-1, 28, 28) for kind in KINDS)
    steps = len(left)
    order = list(range(steps)) + list(range(steps - 2, 0, -1))  # there and back, each end once
    frames = [side_by_side(left[i], right[i]) for i in order]
    captions = [f"{i + 1}/{steps} {' | '.join(kind.upper() for kind in KINDS)}" for i in order]
    return gif_bytes(frames, factor=5, captions=captions, frame_ms=250, last_frame_ms=250)


def walk_file_name(k: str, a: int, b: int) -> str:
    return f"latent_walk_k{k}_{a}_to_{b}.gif"
