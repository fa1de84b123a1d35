"""Grey pictures of any size -> 28 x 28 images, by one of two placements: "centre" makes each one MNIST-like
the way a single uploaded digit is (explorer.core.digitize), "resize" shrinks the whole picture and nothing else."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image

from explorer.core.digitize import DigitInputError, mnist_style
from explorer.topics.own_dataset.limits import SIDE, count


@dataclass(frozen=True)
class Prepared:
    images: np.ndarray  # K x 1 x 28 x 28 float32 in [0, 1], the pictures that could be used
    kept: np.ndarray  # N bools: which of the pictures given are in images
    notes: tuple[str, ...]


def prepare(greys: Sequence[np.ndarray] | np.ndarray, placement: str) -> Prepared:
    """H x W grey pictures in [0, 1] (a list, or an N x H x W array) -> Prepared."""
    notes = list(_size_notes(greys))
    if placement == "resize":
        return Prepared(_resized(greys)[:, None], np.ones(len(greys), dtype=bool), tuple(notes))
    images, kept, said, refused = [], [], Counter(), Counter()
    for grey in greys:
        try:
            image, digit_notes = mnist_style(grey)
        except DigitInputError as error:
            refused[str(error)] += 1
            kept.append(False)
            continue
        images.append(image)
        kept.append(True)
        said.update(digit_notes)
    notes += [f"{count(times, 'picture')} of {len(greys):,}: {note}" for note, times in said.items()]
    notes += [f"Skipped {count(times, 'picture')}: {reason}" for reason, times in refused.items()]
    stacked = np.stack(images) if images else np.zeros((0, 1, SIDE, SIDE), dtype=np.float32)
    return Prepared(stacked, np.array(kept, dtype=bool), tuple(notes))


def _size_notes(greys: Sequence[np.ndarray] | np.ndarray) -> tuple[str, ...]:
    if isinstance(greys, np.ndarray):
        sizes = Counter({greys.shape[1:]: len(greys)})
    else:
        sizes = Counter(grey.shape for grey in greys)
    other = sum(times for size, times in sizes.items() if size != (SIDE, SIDE))
    if len(sizes) > 1:
        return (f"{len(sizes)} sizes found, all resized to {SIDE} × {SIDE}.",)
    if other:
        (height, width), = sizes
        return (f"{count(other, 'image')} of {height} × {width} resized to {SIDE} × {SIDE}.",)
    return ()


def _resized(greys: Sequence[np.ndarray] | np.ndarray) -> np.ndarray:
    """The whole picture shrunk (or grown) to 28 x 28, nothing cropped or inverted."""
    if isinstance(greys, np.ndarray) and greys.shape[1:] == (SIDE, SIDE):
        return greys.astype(np.float32, copy=False)  # already the right size: one batched step
    if not len(greys):
        return np.zeros((0, SIDE, SIDE), dtype=np.float32)
    return np.stack([_resize(grey) for grey in greys]).astype(np.float32)


def _resize(grey: np.ndarray) -> np.ndarray:
    if grey.shape == (SIDE, SIDE):
        return grey
    picture = Image.fromarray(np.asarray(grey, dtype=np.float32), mode="F")
    return np.clip(np.asarray(picture.resize((SIDE, SIDE), Image.Resampling.LANCZOS)), 0.0, 1.0)
