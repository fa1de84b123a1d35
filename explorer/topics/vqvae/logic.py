"""The VQ-VAE page's logic: encode digits to token grids, edit grids, decode them, and measure the codebook.

numpy in, numpy out; a token grid is a 7 x 7 array of code indices in 0 .. K-1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from explorer.core.pca import fit_pca
from explorer.models.vector_quantiser import squared_distances
from explorer.models.vq_vae import GRID, VQVAE

PATCH_MARGIN = 4  # pixels shown around a cell's own 4 x 4 block of the image, so a patch shows its stroke
CELL_PIXELS = 28 // GRID  # each cell of the grid stands over a 4 x 4 block of the image


@dataclass(frozen=True)
class Tokens:
    """What the nearest-neighbour lookup chose for N images' cells (what the codebook's pictures need)."""

    tokens: np.ndarray  # N x 7 x 7: the code index of the nearest codebook entry
    gaps: np.ndarray  # N x 7 x 7: the distance from each vector to its entry


@dataclass(frozen=True)
class Encoding(Tokens):
    """What the encoder and the nearest-neighbour lookup make of N images."""

    vectors: np.ndarray  # N x 7 x 7 x D: the encoder's vectors, before the lookup


@dataclass(frozen=True)
class Usage:
    counts: np.ndarray  # K: how many cells of the test digits chose each entry
    perplexity: float  # exp(entropy of the usage): how many entries are in use, counted as if equally often
    dead: np.ndarray  # the code indices that no cell chose

    @property
    def codebook_size(self) -> int:
        return len(self.counts)


def codebook_of(model: VQVAE) -> np.ndarray:
    return model.codebook.detach().numpy().copy()  # K x D


@torch.inference_mode()
def encode(model: VQVAE, images: np.ndarray, batch_size: int = 500) -> Encoding:
    """N x 1 x 28 x 28 (or N x 28 x 28) images in [0, 1] -> their Encoding."""
    x_all = torch.from_numpy(np.asarray(images, np.float32).reshape(-1, 1, 28, 28))
    vectors = torch.cat([model.encode(x_all[i:i + batch_size]) for i in range(0, len(x_all), batch_size)])
    vectors = vectors.permute(0, 2, 3, 1)  # N x 7 x 7 x D
    flat = vectors.reshape(-1, vectors.shape[-1])
    squared = squared_distances(flat, model.codebook)  # (N*49) x K
    best, tokens = squared.min(dim=1)
    shape = vectors.shape[:3]
    return Encoding(tokens=tokens.view(shape).numpy(), gaps=best.sqrt().view(shape).numpy(), vectors=vectors.numpy())


def distances(vector: np.ndarray, codebook: np.ndarray) -> np.ndarray:
    """The Euclidean distance from one D-vector to each of the K entries."""
    return np.sqrt(((np.asarray(codebook, np.float64) - np.asarray(vector, np.float64)) ** 2).sum(axis=1))


def checked(grids: np.ndarray, codebook_size: int) -> np.ndarray:
    """N x 7 x 7 (or 7 x 7) code indices as int64, refused if any lies outside 0 .. K-1."""
    grids = np.asarray(grids)
    if grids.shape[-2:] != (GRID, GRID):
        raise ValueError(f"a token grid is {GRID} x {GRID}, not {grids.shape[-2:]}")
    if not np.issubdtype(grids.dtype, np.integer) or grids.min() < 0 or grids.max() >= codebook_size:
        raise ValueError(f"code indices run from 0 to {codebook_size - 1}")
    return grids.astype(np.int64)


@torch.inference_mode()
def decode_grids(model: VQVAE, grids: np.ndarray) -> np.ndarray:
    """N x 7 x 7 (or one 7 x 7) code indices -> N x 28 x 28 images in [0, 1]. Every index in 0 .. K-1
    decodes, an entry no digit chose included."""
    grids = checked(grids, model.config.codebook_size).reshape(-1, GRID, GRID)
    return model.decode_tokens(torch.from_numpy(grids)).numpy()[:, 0]


def filled(code: int) -> np.ndarray:
    """A grid with the one code index in every cell: what that entry draws on its own."""
    return np.full((GRID, GRID), int(code), dtype=np.int64)


def set_cell(grid: np.ndarray, row: int, column: int, code: int) -> np.ndarray:
    edited = np.array(grid, dtype=np.int64)
    edited[row, column] = int(code)
    return edited


def swap(grid: np.ndarray, old: int, new: int) -> np.ndarray:
    """Every use of code index `old` replaced by `new`."""
    grid = np.array(grid, dtype=np.int64)
    return np.where(grid == int(old), int(new), grid)


def uniform_grids(codebook_size: int, count: int, seed: int) -> np.ndarray:
    """count x 7 x 7 code indices, each drawn uniformly from all K: tokens with no prior."""
    return np.random.default_rng(seed).integers(0, codebook_size, size=(count, GRID, GRID), dtype=np.int64)


def usage(tokens: np.ndarray, codebook_size: int) -> Usage:
    """How often each entry is chosen over all the cells of `tokens` (any shape)."""
    counts = np.bincount(np.asarray(tokens).ravel(), minlength=codebook_size)
    shares = counts[counts > 0] / counts.sum()
    return Usage(counts=counts, perplexity=float(math.exp(-(shares * np.log(shares)).sum())),
                 dead=np.flatnonzero(counts == 0))


def bits_per_image(codebook_size: int) -> float:
    """49 tokens of log2(K) bits each: what it takes to write a grid down with no prior."""
    return GRID * GRID * math.log2(codebook_size)


def codebook_plane(codebook: np.ndarray) -> tuple[np.ndarray, float]:
    """The entries' first two principal components (K x 2) and the share of their variance that plane shows."""
    basis = fit_pca(codebook, 2)
    total = float(np.var(np.asarray(codebook, np.float64), axis=0, ddof=1).sum())
    plane = (np.asarray(codebook, np.float32) - basis.mean) @ basis.components.T
    return plane, float(basis.explained_variance.sum() / total)


def patches_of(code: int, encoding: Tokens, count: int) -> list[tuple[int, int, int]]:
    """Up to `count` (image, row, column) cells of the encoded images that chose `code`, nearest to the entry
    first: the patches an entry stands for. Empty for a dead entry."""
    images, rows, columns = np.nonzero(encoding.tokens == int(code))
    order = np.argsort(encoding.gaps[images, rows, columns], kind="stable")[:count]
    return [(int(images[i]), int(rows[i]), int(columns[i])) for i in order]


def patch(image: np.ndarray, row: int, column: int) -> np.ndarray:
    """The cell's 4 x 4 block of a 28 x 28 image with PATCH_MARGIN pixels around it (black beyond the edge)."""
    size = CELL_PIXELS + 2 * PATCH_MARGIN
    padded = np.pad(np.asarray(image, np.float32).reshape(28, 28), PATCH_MARGIN)
    top, left = row * CELL_PIXELS, column * CELL_PIXELS  # the block's corner, in padded coordinates minus the margin
    return padded[top:top + size, left:left + size]


@dataclass(frozen=True)
class Codebook:
    """The codebook as the page shows it: its entries, their 2-D map, and how the test digits use them."""

    entries: np.ndarray  # K x D
    plane: np.ndarray  # K x 2: the entries' first two principal components
    plane_share: float  # the share of the entries' spread that plane shows
    usage: Usage  # over every cell of the test digits


def codebook_view(model: VQVAE, test_tokens: np.ndarray) -> Codebook:
    entries = codebook_of(model)
    plane, share = codebook_plane(entries)
    return Codebook(entries, plane, share, usage(test_tokens, model.config.codebook_size))


def background_share(code: int, encoding: Tokens, images: np.ndarray, ink: float = 0.1) -> float:
    """The share of the cells that chose `code` whose own 4 x 4 block of the image has no pixel above `ink`."""
    blocks = np.asarray(images, np.float32).reshape(-1, GRID, CELL_PIXELS, GRID, CELL_PIXELS).max(axis=(2, 4))
    chosen = encoding.tokens == int(code)
    return float((blocks[chosen] <= ink).mean()) if chosen.any() else 0.0
