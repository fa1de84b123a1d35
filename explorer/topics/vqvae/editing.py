"""The student's token grid: which digit it came from, what it holds now, and which cell is selected.

Kept in the session as one GridState; every action returns a new one, so a page's callbacks only swap it in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from explorer.models.vq_vae import GRID
from explorer.topics.vqvae.logic import set_cell, swap, uniform_grids

FIRST_CELL = (3, 3)  # the middle of the grid: on most digits a cell with ink


@dataclass(frozen=True)
class GridState:
    source: str  # what the grid was encoded from ("test 12", "own <hash>"): another source starts afresh
    encoded: np.ndarray  # 7 x 7: the encoder's own tokens of that digit
    grid: np.ndarray  # 7 x 7: what the student has made of them
    cell: tuple[int, int] = FIRST_CELL
    randomised: int = 0  # how many times "randomise" was pressed: the seed of the next random grid
    last_action: str = "the encoder's own tokens"  # what the last action did, in a few words

    @property
    def changed(self) -> np.ndarray:
        return self.grid != self.encoded

    @property
    def code(self) -> int:
        """The code index in the selected cell now."""
        return int(self.grid[self.cell])


def fresh(source: str, encoded: np.ndarray, cell: tuple[int, int] = FIRST_CELL) -> GridState:
    encoded = np.asarray(encoded, dtype=np.int64).reshape(GRID, GRID)
    return GridState(source, encoded, encoded.copy(), cell)


def select(state: GridState, row: int, column: int) -> GridState:
    if not (0 <= row < GRID and 0 <= column < GRID):
        return state
    return replace(state, cell=(int(row), int(column)))


def put(state: GridState, code: int) -> GridState:
    """The selected cell set to `code`."""
    if code == state.code:
        return state
    row, column = state.cell
    return replace(state, grid=set_cell(state.grid, row, column, code),
                   last_action=f"row {row}, column {column}: {state.code} → {int(code)}")


def swap_all(state: GridState, old: int, new: int) -> GridState:
    uses = int((state.grid == old).sum())
    if uses == 0:
        return replace(state, last_action=f"no cell holds code {old}: nothing swapped")
    cells = f"{uses} cell{'s' if uses > 1 else ''}"
    return replace(state, grid=swap(state.grid, old, new), last_action=f"{old} → {new} in {cells}")


def randomise(state: GridState, codebook_size: int) -> GridState:
    grid = uniform_grids(codebook_size, 1, seed=state.randomised)[0]
    return replace(state, grid=grid, randomised=state.randomised + 1,
                   last_action=f"all 49 drawn at random from the {codebook_size} code indices")


def reset(state: GridState) -> GridState:
    return replace(state, grid=state.encoded.copy(), last_action="back to the encoder's own tokens")


def clicked_cell(points: list[dict]) -> tuple[int, int] | None:
    """The (row, column) of the first clicked cell in a Streamlit Plotly selection event, or None. The grid's
    points sit at x = column, y = row."""
    for point in points:
        x, y = point.get("x"), point.get("y")
        if isinstance(x, int | float) and isinstance(y, int | float):
            return int(round(y)), int(round(x))
    return None
