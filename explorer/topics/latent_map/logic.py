"""The Latent map page's logic: what a click picked, and the codes and decodes it leads to."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np

from explorer.core.data import DigitData
from explorer.core.neighbours import nearest
from explorer.core.projection import LatentMap, draw_random_codes, place_codes
from explorer.models.base import Autoencoder
from explorer.models.inference import decode
from explorer.topics.latent_map.figures import DIGIT_GROUP_PREFIX, GRID_GROUP, RANDOM_GROUP

GROUP = "latent_map"
KINDS = ("ae", "vae")
KIND_TITLES = {"ae": "Plain autoencoder (AE)", "vae": "Variational autoencoder (VAE)"}
INTERPOLATION_STEPS = 9  # decodes from A to B, both ends included
MANIFOLD_SIZE = 14  # decodes per side of the k = 2 manifold picture


def bundled_order(data: DigitData) -> tuple[np.ndarray, np.ndarray]:
    """(images, labels) of every bundled digit in the order the shipped codes use: train, then test."""
    return (np.concatenate([data.train_images, data.test_images]),
            np.concatenate([data.train_labels, data.test_labels]))


@dataclass(frozen=True)
class LatentSpace:
    """One model's latent space as the page shows it."""

    name: str  # the shipped model's name
    kind: str  # "ae" or "vae"
    model: Autoencoder
    codes: np.ndarray  # N x k, the bundled images' codes (train then test split)
    latent_map: LatentMap
    random_codes: np.ndarray  # R x k, the draws shown on the map
    random_points: np.ndarray | None  # R x 2, where they sit on this map (None: this map cannot place them)
    spacing: float  # median distance between neighbouring real codes: the yardstick for "far from the data"


class SelectionKind(StrEnum):
    """What a click on a map picked."""

    IMAGE = "image"  # a bundled digit's dot
    RANDOM = "random"  # a random code's cross
    SPOT = "spot"  # an empty spot of one model's map


@dataclass(frozen=True)
class Selection:
    """What the student clicked: an image, a random code, or an empty spot of one model's map."""

    what: SelectionKind
    index: int  # image index, random code index, or grid cell index
    kind: str | None = None  # the map clicked ("ae" or "vae"): random codes and spots belong to one map


def selection_from_points(points: list[dict], kind: str) -> Selection | None:
    """The first clicked point of a Streamlit Plotly selection event on `kind`'s map, or None."""
    for point in points:
        group = point.get("legendgroup", "")
        custom = point.get("customdata")
        if custom is None:
            continue
        index = int(custom[0] if isinstance(custom, list | tuple) else custom)
        if group.startswith(DIGIT_GROUP_PREFIX):
            return Selection(SelectionKind.IMAGE, index)
        if group == RANDOM_GROUP:
            return Selection(SelectionKind.RANDOM, index, kind)
        if group == GRID_GROUP:
            return Selection(SelectionKind.SPOT, index, kind)
    return None


def with_fresh_draws(space: LatentSpace, seed: int, count: int) -> LatentSpace:
    """The space with new N(0, I) draws; placed on its map only where that is exact (PCA, k = 2)."""
    random_codes = draw_random_codes(count, space.codes.shape[1], seed)
    placed = place_codes(space.latent_map, random_codes) if space.latent_map.exact else None
    return replace(space, random_codes=random_codes, random_points=placed)


@dataclass(frozen=True)
class Decoded:
    """One code decoded by one model, with how far the code lies from every real code."""

    kind: str
    code: np.ndarray  # k
    image: np.ndarray  # 1 x 28 x 28
    nearest_distance: float  # to the nearest code of a bundled image, in latent units
    spacing: float  # the model's typical distance between neighbouring real codes
    nearest_image: int  # the bundled image whose code that is

    @property
    def gaps(self) -> float:
        """The distance to the nearest real code in the model's usual gaps between neighbouring codes."""
        return self.nearest_distance / self.spacing


def typical_spacing(codes: np.ndarray, sample: int = 500, seed: int = 0) -> float:
    """Median nearest-neighbour distance among real codes: the yardstick for 'far from the data'."""
    rng = np.random.default_rng(seed)
    chosen = rng.choice(len(codes), size=min(sample, len(codes)), replace=False)
    distances, _ = nearest(codes, codes[chosen], 2)
    return float(np.median(distances[:, 1]))  # the nearest is the code itself


def decode_code(space: LatentSpace, code: np.ndarray) -> Decoded:
    code = np.asarray(code, np.float32).reshape(1, -1)
    distances, indices = nearest(space.codes, code, 1)
    return Decoded(space.kind, code[0], decode(space.model, code)[0], float(distances[0, 0]), space.spacing,
                   int(indices[0, 0]))


def spot_code(space: LatentSpace, xy: np.ndarray) -> np.ndarray:
    """The code under a map position: the shipped grid cell nearest to it (the map's own inverse)."""
    cells = space.latent_map.grid_points()
    cell = int(((cells - np.asarray(xy, np.float32)) ** 2).sum(axis=1).argmin())
    return space.latent_map.grid_codes[cell]


def interpolation_codes(a: np.ndarray, b: np.ndarray, steps: int = INTERPOLATION_STEPS) -> np.ndarray:
    """Codes on the straight line from a to b, both ends included: steps x k for two codes of k numbers,
    P x steps x k for two P x k arrays of them (P walks at once)."""
    weights = np.linspace(0.0, 1.0, steps, dtype=np.float32)[:, None]
    a, b = np.asarray(a, np.float32)[..., None, :], np.asarray(b, np.float32)[..., None, :]
    return ((1.0 - weights) * a + weights * b).astype(np.float32)


def manifold_cells(latent_map: LatentMap, size: int = MANIFOLD_SIZE) -> np.ndarray:
    """(size*size,) an even subset of the shipped grid's cells, row-major from the bottom-left cell, for the
    classic picture of decodes laid out over the latent plane."""
    full = latent_map.grid_size
    rows = np.linspace(0, full - 1, size).round().astype(int)
    return (rows[:, None] * full + rows[None, :]).ravel()

