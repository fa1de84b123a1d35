"""A dSprites-like data set made here, not downloaded: white shapes on black at 28 x 28, one image for every
combination of five known factors (shape, scale, rotation, x, y), so a model's code can be checked against
the true causes of each picture.

Every image is drawn 4 x larger and averaged down (soft, anti-aliased edges). Rotations stay below 90°, where
none of the four shapes looks the same at two angles (a square repeats every 90°), so rotation is a factor
the images really show. Positions are whole pixels apart: each (shape, scale, rotation) is drawn once and
slid into place, all with whole-array numpy operations: the whole set takes about a tenth of a second.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SIDE = 28
SUPERSAMPLE = 4  # drawn at 4 x the size, then each 4 x 4 block averaged: edges come out grey, not jagged
SHAPE_NAMES = ("square", "ellipse", "heart", "triangle")
SCALES = np.linspace(3.5, 7.0, 6)  # the shape's radius in pixels
ROTATIONS = np.arange(8) * 11.25  # degrees, 0 to 78.75
POSITIONS = np.arange(7, 22, 2)  # the shape's centre in pixels, 7 to 21, the same 8 values for x and y
FACTOR_NAMES = ("shape", "scale", "rotation", "x", "y")
FACTOR_SIZES = (len(SHAPE_NAMES), len(SCALES), len(ROTATIONS), len(POSITIONS), len(POSITIONS))


@dataclass(frozen=True)
class ShapesData:
    images: np.ndarray  # N x 1 x 28 x 28 float32 in [0, 1]
    factors: np.ndarray  # N x 5 int: the index of each factor's value, in FACTOR_NAMES order
    shape_names: tuple[str, ...] = SHAPE_NAMES

    def __len__(self) -> int:
        return len(self.images)

    def index(self, **chosen: int) -> int:
        """The first image whose factors have these indices (by factor name; the others any): index(shape=2)."""
        unknown = set(chosen) - set(FACTOR_NAMES)
        if unknown:
            raise ValueError(f"unknown factors {sorted(unknown)}; the factors are {FACTOR_NAMES}")
        match = np.ones(len(self), dtype=bool)
        for name, value in chosen.items():
            match &= self.factors[:, FACTOR_NAMES.index(name)] == value
        if not match.any():
            raise ValueError(f"no image has {chosen}")
        return int(np.flatnonzero(match)[0])


def factor_value(factor: str, index: int) -> str:
    """A factor's value in words, for labels: 'heart', 'radius 4.9 px', '33.75°', 'x = 11 px'."""
    if factor == "shape":
        return SHAPE_NAMES[index]
    if factor == "scale":
        return f"radius {SCALES[index]:.1f} px"
    if factor == "rotation":
        return f"{ROTATIONS[index]:g}°"
    if factor in ("x", "y"):
        return f"{factor} = {POSITIONS[index]} px"
    raise ValueError(f"unknown factor {factor!r}; the factors are {FACTOR_NAMES}")


def _inside(shape: str, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Whether points (u right, v up, in units of the shape's radius) lie inside the upright shape."""
    if shape == "square":
        return np.maximum(np.abs(u), np.abs(v)) <= 0.8
    if shape == "ellipse":
        return (u / 1.0) ** 2 + (v / 0.55) ** 2 <= 1.0
    if shape == "heart":  # the curve (x² + y² - 1)³ = x² y³, shrunk and lowered to sit around the centre
        x, y = 1.2 * u, 1.2 * v + 0.15
        return (x**2 + y**2 - 1) ** 3 - x**2 * y**3 <= 0
    if shape == "triangle":  # equilateral, a corner up: inside all three edges, each half the radius away
        normals = np.deg2rad([270.0, 30.0, 150.0])
        return np.all([u * np.cos(a) + v * np.sin(a) <= 0.5 for a in normals], axis=0)
    raise ValueError(f"unknown shape {shape!r}")


def _drawn(shape: str) -> np.ndarray:
    """scales x rotations x SIDE x SIDE: the shape at every scale and rotation, centred in a SIDE x SIDE square,
    each pixel the share of its SUPERSAMPLE x SUPERSAMPLE points inside the shape (exactly k/16: grey edges)."""
    side = SIDE * SUPERSAMPLE
    pixels = (np.arange(side) + 0.5) / SUPERSAMPLE - SIDE / 2  # pixel centres, 0 at the square's middle
    right, down = pixels[None, :], pixels[:, None]
    # Each angle's cos and sin taken alone, as the set's first version did: a vectorised cos may round another way,
    # and the images must stay the bits the shipped models were trained and scored on.
    turns = [np.deg2rad(degrees) for degrees in ROTATIONS]
    cos = np.array([np.cos(turn) for turn in turns])[None, :, None, None]
    sin = np.array([np.sin(turn) for turn in turns])[None, :, None, None]
    radius = SCALES[:, None, None, None]
    # Counter-clockwise: turn each point the other way, then test the upright shape.
    u = (right * cos - down * sin) / radius
    v = (-right * sin - down * cos) / radius
    inside = _inside(shape, u, v).reshape(len(SCALES), len(ROTATIONS), SIDE, SUPERSAMPLE, SIDE, SUPERSAMPLE)
    return inside.sum(axis=(3, 5), dtype=np.float32) / SUPERSAMPLE**2


def make_shapes() -> ShapesData:
    """Every combination of the five factors, once, in a fixed order (12,288 images): shape, then scale, rotation,
    x and y, the last changing fastest."""
    # Each (shape, scale, rotation) once, in the middle of a 2·SIDE canvas: the largest shape reaches under 8 px
    # from its centre, so the SIDE x SIDE middle holds all its ink.
    canvases = np.zeros((len(SHAPE_NAMES), len(SCALES), len(ROTATIONS), 2 * SIDE, 2 * SIDE), np.float32)
    canvases[..., SIDE // 2:SIDE + SIDE // 2, SIDE // 2:SIDE + SIDE // 2] = [_drawn(shape) for shape in SHAPE_NAMES]
    # The SIDE x SIDE crop starting at (row, column) = (SIDE - y, SIDE - x) puts the shape's centre at (x, y).
    crops = np.lib.stride_tricks.sliding_window_view(canvases, (SIDE, SIDE), axis=(-2, -1))
    starts = SIDE - POSITIONS
    images = crops[..., starts[None, :], starts[:, None], :, :]  # ... x (x) x (y) x SIDE x SIDE, a copy
    factors = np.stack([index.ravel() for index in np.indices(FACTOR_SIZES, dtype=np.int64)], axis=1)
    return ShapesData(images.reshape(-1, 1, SIDE, SIDE), factors)


def sample_shapes(count: int, seed: int = 0) -> ShapesData:
    """`count` different images of the full set, chosen at random with `seed` (the same ones every time)."""
    full = make_shapes()
    if not 1 <= count <= len(full):
        raise ValueError(f"choose between 1 and {len(full):,} shapes, not {count}")
    chosen = np.sort(np.random.default_rng(seed).choice(len(full), size=count, replace=False))
    return ShapesData(full.images[chosen], full.factors[chosen])
