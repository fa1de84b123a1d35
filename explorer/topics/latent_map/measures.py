"""Measurements of the shipped codes and maps that the page's sentences quote, cheap enough for a page
(milliseconds): where the unsure cells of a decoded plane lie, how far random codes sit from the data
in units both models share, and how a map's cluster sizes compare with the codes' own."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.core.neighbours import nearest
from explorer.core.projection import LatentMap, nearest_distance

EMPTY_REACH = 2.0  # a cell is empty space when no dot lies within this many cell widths of its centre
MIX_NEIGHBOURS = 20  # the dots that say which digits meet at a cell
MIX_MAJORITY = 0.8  # below this share for the commonest digit among them, digits mix there


def empty_cells(latent_map: LatentMap, reach: float = EMPTY_REACH) -> np.ndarray:
    """(G*G,) True for the grid cells with no data point within `reach` cell widths: the map's empty space."""
    x_min, x_max, y_min, y_max = latent_map.extent
    cell = max(x_max - x_min, y_max - y_min) / (latent_map.grid_size - 1)
    distances, _ = nearest(latent_map.points, latent_map.grid_points(), 1)
    return distances[:, 0] > reach * cell


def mixed_cells(latent_map: LatentMap, labels: np.ndarray, neighbours: int = MIX_NEIGHBOURS) -> np.ndarray:
    """(G*G,) True for the cells whose nearest dots are not mostly one digit: where one digit's dots meet another's."""
    _, closest = nearest(latent_map.points, latent_map.grid_points(), neighbours)
    nearby = np.asarray(labels)[closest]
    majority = np.array([np.bincount(row, minlength=10).max() for row in nearby]) / neighbours
    return majority < MIX_MAJORITY


@dataclass(frozen=True)
class UnsureShares:
    """Where on a decoded plane the classifier is unsure: shares of its cells."""

    among_dots: float  # of the cells with dots nearby, the share it is unsure about
    in_empty_space: float  # of the cells in empty space, the share it is unsure about
    mixed_when_unsure: float  # of the unsure cells among the dots, the share where dots of several digits mix
    mixed_when_sure: float  # the same for the cells it is sure about


def unsure_shares(confidences: np.ndarray, empty: np.ndarray, mixed: np.ndarray, unsure: float) -> UnsureShares:
    low = np.asarray(confidences) < unsure

    def share(values: np.ndarray, where: np.ndarray) -> float:
        return float(values[where].mean()) if where.any() else 0.0

    return UnsureShares(share(low, ~empty), share(low, empty), share(mixed, low & ~empty), share(mixed, ~low & ~empty))


def gap_multiples(queries: np.ndarray, codes: np.ndarray, spacing: float) -> np.ndarray:
    """(M,) each query's distance to the nearest real code, as a multiple of the model's usual gap between
    neighbouring real codes: a unit that means the same for two models whose codes spread very differently."""
    return nearest_distance(queries, codes) / spacing


def group_widths(points: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """(10,) how spread out each digit's group is: the mean distance of its points from the group's centre."""
    points = np.asarray(points, np.float64)
    return np.array([np.linalg.norm(points[labels == d] - points[labels == d].mean(axis=0), axis=1).mean()
                     for d in range(10)])


@dataclass(frozen=True)
class SizeDistortion:
    """Two digits' groups whose width ratio the map changes most."""

    wide: int  # the digit whose group the map draws wider than the other's
    narrow: int
    on_map: float  # width of wide / width of narrow, on the map
    in_codes: float  # the same ratio measured in the codes themselves


def most_exaggerated(code_widths: np.ndarray, map_widths: np.ndarray) -> SizeDistortion:
    """The pair of digits whose width ratio grows most from the codes to the map."""
    growth = (map_widths[:, None] / map_widths[None, :]) / (code_widths[:, None] / code_widths[None, :])
    wide, narrow = np.unravel_index(np.argmax(growth), growth.shape)
    return SizeDistortion(int(wide), int(narrow), float(map_widths[wide] / map_widths[narrow]),
                          float(code_widths[wide] / code_widths[narrow]))
