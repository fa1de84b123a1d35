"""2-D maps of latent codes (PCA, UMAP, t-SNE, or a 2-D latent plane itself) and the codes under them.

Every map comes with a grid over its extent and, for each grid cell, the latent code that the
cell maps back to. PCA's plane and a 2-D latent plane invert exactly; UMAP and t-SNE have no
exact inverse, so their cells get a distance-weighted mean of the codes placed nearest on the map,
which pulls every cell, even one in empty space, back onto the data.

numpy; sklearn.manifold and umap are imported only inside the functions
that need them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.core.neighbours import nearest
from explorer.core.pca import PCABasis, fit_pca, pca_inverse, pca_project

METHODS = {
    "pca": "PCA",
    "umap": "UMAP",
    "tsne": "t-SNE",
    "latent": "The latent plane itself",
}
EXACT_METHODS = ("pca", "latent")  # a map point stands for exactly one code
GRID_SIZE = 40  # cells per side of the decoded grid under a map
NEIGHBOURS = 8  # codes averaged for an approximate inverse
MARGIN = 0.05  # the grid reaches this fraction of the span beyond the outermost point


@dataclass(frozen=True)
class LatentMap:
    """One model's codes laid out on a 2-D map, with the grid of codes under it."""

    method: str  # a key of METHODS
    points: np.ndarray  # N x 2, the data codes on the map
    random_points: np.ndarray  # R x 2, the N(0, I) draws on the map
    extent: np.ndarray  # (x_min, x_max, y_min, y_max) of the grid
    grid_codes: np.ndarray  # G*G x k, row-major from (x_min, y_min): the code under each cell centre
    centre: np.ndarray | None = None  # k, PCA only: the codes' mean
    axes: np.ndarray | None = None  # 2 x k, PCA only: the first two principal axes

    @property
    def exact(self) -> bool:
        return self.method in EXACT_METHODS

    @property
    def plane(self) -> PCABasis:
        """PCA only: the plane the codes are projected onto (their mean and two widest axes)."""
        if self.method != "pca":
            raise ValueError(f"a {self.method} map has no PCA plane")
        return PCABasis(mean=self.centre, components=self.axes)

    @property
    def grid_size(self) -> int:
        return int(round(np.sqrt(len(self.grid_codes))))

    def grid_points(self) -> np.ndarray:
        return grid_points(self.extent, self.grid_size)

    def to_arrays(self) -> dict[str, np.ndarray]:
        arrays = {"points": self.points, "random_points": self.random_points, "extent": self.extent,
                  "grid_codes": self.grid_codes}
        if self.method == "pca":
            arrays |= {"centre": self.centre, "axes": self.axes}
        return arrays

    @classmethod
    def from_arrays(cls, method: str, arrays: dict[str, np.ndarray]) -> LatentMap:
        missing = {"points", "random_points", "extent", "grid_codes"} - set(arrays)
        if method == "pca":
            missing |= {"centre", "axes"} - set(arrays)
        if missing:
            raise ValueError(f"the map lacks the arrays {sorted(missing)}")
        return cls(method=method, points=arrays["points"], random_points=arrays["random_points"],
                   extent=arrays["extent"], grid_codes=arrays["grid_codes"],
                   centre=arrays.get("centre"), axes=arrays.get("axes"))


def draw_random_codes(count: int, k: int, seed: int) -> np.ndarray:
    """count x k draws from N(0, I): the VAE's prior, and the natural guess for the AE too."""
    return np.random.default_rng(seed).standard_normal((count, k)).astype(np.float32)


def map_extent(*point_sets: np.ndarray) -> np.ndarray:
    """(x_min, x_max, y_min, y_max) around every point given, with a margin."""
    points = np.concatenate([np.asarray(p, np.float32).reshape(-1, 2) for p in point_sets])
    low, high = points.min(axis=0), points.max(axis=0)
    pad = MARGIN * np.maximum(high - low, 1e-6)
    low, high = low - pad, high + pad
    return np.array([low[0], high[0], low[1], high[1]], dtype=np.float32)


def grid_points(extent: np.ndarray, size: int) -> np.ndarray:
    """size*size x 2 cell centres over the extent, row-major from (x_min, y_min)."""
    x_min, x_max, y_min, y_max = extent
    xs = np.linspace(x_min, x_max, size, dtype=np.float32)
    ys = np.linspace(y_min, y_max, size, dtype=np.float32)
    grid_x, grid_y = np.meshgrid(xs, ys)  # rows go along y
    return np.stack([grid_x.ravel(), grid_y.ravel()], axis=1)


def inverse_distance_mean(queries: np.ndarray, reference_points: np.ndarray, values: np.ndarray,
                          neighbours: int = NEIGHBOURS) -> np.ndarray:
    """For each query point, the mean of the `values` of its nearest reference points, weighted by inverse
    distance. As the inverse of a map (points on the map -> codes) it always lands among the data, even
    under empty space; the other way round (codes -> map) it places new codes near their neighbours."""
    distances, indices = nearest(reference_points, queries, neighbours)  # M x n each
    weights = 1.0 / (distances + 1e-6)
    weights /= weights.sum(axis=1, keepdims=True)
    return np.einsum("mn,mnd->md", weights, np.asarray(values)[indices]).astype(np.float32)


def nearest_distance(queries: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Euclidean distance in latent space from each query code to the nearest data code: (M,)."""
    return nearest(codes, queries, 1)[0][:, 0]


def _with_grid(method: str, points: np.ndarray, random_points: np.ndarray, inverse, grid_size: int,
               **extra) -> LatentMap:
    extent = map_extent(points, random_points)
    return LatentMap(method=method, points=points.astype(np.float32), random_points=random_points.astype(np.float32),
                     extent=extent, grid_codes=inverse(grid_points(extent, grid_size)), **extra)


def latent_plane_map(codes: np.ndarray, random_codes: np.ndarray, grid_size: int = GRID_SIZE) -> LatentMap:
    """k = 2: the map is the latent plane, and each cell's code is its own position."""
    if codes.shape[1] != 2:
        raise ValueError(f"the latent plane is a map only for k = 2 codes, these have k = {codes.shape[1]}")
    return _with_grid("latent", codes, random_codes, lambda grid: grid.astype(np.float32), grid_size)


def pca_map(codes: np.ndarray, random_codes: np.ndarray, grid_size: int = GRID_SIZE) -> LatentMap:
    """The plane through the codes' mean along their two widest axes: exact both ways."""
    plane = fit_pca(codes, 2)
    return _with_grid("pca", pca_project(plane, codes, 2), pca_project(plane, random_codes, 2),
                      lambda grid: pca_inverse(plane, grid), grid_size, centre=plane.mean, axes=plane.components)


def umap_map(codes: np.ndarray, random_codes: np.ndarray, *, seed: int, grid_size: int = GRID_SIZE,
             n_epochs: int | None = None) -> LatentMap:
    """UMAP fitted on the data codes; the random codes placed by its transform (they do not move it)."""
    import umap  # heavy: numba compiles on first use

    reducer = umap.UMAP(n_components=2, random_state=seed, n_epochs=n_epochs)
    points = reducer.fit_transform(codes)
    random_points = reducer.transform(random_codes)
    return _with_grid("umap", points, random_points,
                      lambda grid: inverse_distance_mean(grid, points, codes), grid_size)


def tsne_map(codes: np.ndarray, random_codes: np.ndarray, *, seed: int, grid_size: int = GRID_SIZE,
             max_iter: int = 1000) -> LatentMap:
    """t-SNE has no transform: the random codes are embedded together with the data."""
    from sklearn.manifold import TSNE

    together = np.concatenate([codes, random_codes])
    placed = TSNE(n_components=2, random_state=seed, init="pca", max_iter=max_iter).fit_transform(together)
    points, random_points = placed[: len(codes)], placed[len(codes):]
    return _with_grid("tsne", points, random_points,
                      lambda grid: inverse_distance_mean(grid, points, codes), grid_size)


def build_map(method: str, codes: np.ndarray, random_codes: np.ndarray, *, seed: int = 0,
              grid_size: int = GRID_SIZE) -> LatentMap:
    if method == "pca":
        return pca_map(codes, random_codes, grid_size)
    if method == "latent":
        return latent_plane_map(codes, random_codes, grid_size)
    if method == "umap":
        return umap_map(codes, random_codes, seed=seed, grid_size=grid_size)
    if method == "tsne":
        return tsne_map(codes, random_codes, seed=seed, grid_size=grid_size)
    raise ValueError(f"unknown projection {method!r}; choose one of {sorted(METHODS)}")


def place_codes(latent_map: LatentMap, codes: np.ndarray) -> np.ndarray:
    """New codes (fresh draws, a student's digit) on an exact map, without refitting anything."""
    codes = np.asarray(codes, np.float32)
    if latent_map.method == "latent":
        return codes.copy()
    if latent_map.method == "pca":
        return pca_project(latent_map.plane, codes, 2)
    raise ValueError(f"new codes can be placed exactly only on a PCA or latent-plane map, not {latent_map.method!r}")


def locate_codes(latent_map: LatentMap, codes: np.ndarray, reference_codes: np.ndarray,
                 neighbours: int = NEIGHBOURS) -> np.ndarray:
    """Where new codes (a student's digit) go on any map: exactly on PCA and the latent plane; on UMAP
    and t-SNE, the inverse-distance-weighted mean of the map positions of the nearest real codes."""
    if latent_map.exact:
        return place_codes(latent_map, codes)
    return inverse_distance_mean(codes, reference_codes, latent_map.points, neighbours)
