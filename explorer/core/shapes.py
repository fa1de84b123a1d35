"""A dSprites-like data set made here, not downloaded: white shapes on black at 28 x 28, one image for every
combination of five known factors (shape, scale, rotation, x, y), so a model's code can be checked against
the true causes of each picture.

Every image is drawn 4 x larger and averaged down (soft, anti-aliased edges). Rotations stay below 90°, where
none of the four shapes looks the same at two angles (a square repeats every 90°), so rotation is a factor
the images really show. Positions are whole pixels apart: each (shape, scale, rotation) is drawn once and
slid into place, which makes the whole set in well under a second.
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


def _centred(shape: str, radius: float, degrees: float) -> np.ndarray:
    """One shape centred at (14, 14) of a 2·SIDE canvas, drawn SUPERSAMPLE x larger: (2·SIDE·S)² floats."""
    side = 2 * SIDE * SUPERSAMPLE
    pixels = (np.arange(side) + 0.5) / SUPERSAMPLE - SIDE  # pixel centres, 0 at the canvas's middle
    right, down = np.meshgrid(pixels, pixels)
    turn = np.deg2rad(degrees)  # counter-clockwise: turn each point the other way, then test the upright shape
    u = (right * np.cos(turn) - down * np.sin(turn)) / radius
    v = (-right * np.sin(turn) - down * np.cos(turn)) / radius
    return _inside(shape, u, v).astype(np.float32)


def _downsampled(canvas: np.ndarray) -> np.ndarray:
    side = canvas.shape[-1] // SUPERSAMPLE
    return canvas.reshape(side, SUPERSAMPLE, side, SUPERSAMPLE).mean(axis=(1, 3))


def make_shapes() -> ShapesData:
    """Every combination of the five factors, once, in a fixed order (12,288 images)."""
    images, factors = [], []
    for s, shape in enumerate(SHAPE_NAMES):
        for c, radius in enumerate(SCALES):
            for r, degrees in enumerate(ROTATIONS):
                canvas = _downsampled(_centred(shape, radius, degrees))  # 56 x 56, the shape's centre at (28, 28)
                for i, x in enumerate(POSITIONS):
                    for j, y in enumerate(POSITIONS):
                        # The crop that puts the canvas's middle at (x, y) of a 28 x 28 frame.
                        images.append(canvas[SIDE - y:2 * SIDE - y, SIDE - x:2 * SIDE - x])
                        factors.append((s, c, r, i, j))
    return ShapesData(np.stack(images)[:, None].astype(np.float32), np.array(factors, dtype=np.int64))


def sample_shapes(count: int, seed: int = 0) -> ShapesData:
    """`count` different images of the full set, chosen at random with `seed` (the same ones every time)."""
    full = make_shapes()
    if not 1 <= count <= len(full):
        raise ValueError(f"choose between 1 and {len(full):,} shapes, not {count}")
    chosen = np.sort(np.random.default_rng(seed).choice(len(full), size=count, replace=False))
    return ShapesData(full.images[chosen], full.factors[chosen])
