"""The VQ-VAE page's main picture: the token grid and the selected cell's vector, the digit beside the decode of the
grid, and the selected cell's token with its distance to every codebook entry."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.core.images import enlarge
from explorer.models.inference import per_image_mse
from explorer.models.vq_vae import VQVAE
from explorer.topics.vqvae.editing import GridState
from explorer.topics.vqvae.figures import distance_figure, token_grid_figure, vector_figure
from explorer.topics.vqvae.logic import Codebook, decode_grids, filled
from explorer.ui.shared.images import show_digit
from explorer.ui.shared.style import show_chart
from explorer.ui.vqvae import keys
from explorer.ui.vqvae.controls import ShownDigit
from explorer.ui.vqvae.state import on_cell_code, on_cell_pick, on_click


def show_grid(now: GridState, colours: list[str], vector: np.ndarray, book: Codebook) -> None:
    st.markdown("**The token grid**: click a cell", help="Each cell is labelled by its code index and coloured "
                "by where its entry lies on the codebook's map (Go deeper): similar colours, nearby entries. "
                "Edited cells are in bold italics.")
    show_chart(token_grid_figure, now.grid, colours, now.cell, now.changed, key=keys.GRID_CHART,
               on_select=on_click, selection_mode="points", config={"displayModeBar": False})
    show_chart(vector_figure, vector, book.entries[now.code], now.code, key=keys.VECTOR_CHART,
               config={"displayModeBar": False})


def show_pictures(shown: ShownDigit, decoded: np.ndarray, now: GridState) -> None:
    """The digit, the decode of the grid, and what the last edit did."""
    show_digit(shown.image, shown.caption, alt=shown.caption[0].upper() + shown.caption[1:])
    edits = int(now.changed.sum())
    mse = per_image_mse(shown.image[None], decoded[None])[0]
    show_digit(decoded, f"decode of the grid, MSE {mse:.4f}", alt=f"The decode of the token grid, MSE {mse:.4f}")
    if not edits:
        st.caption(now.last_action.capitalize())
    else:  # a one-cell edit is spelled out beside the cell's input; a swap or a random grid here
        st.caption(f"**{edits} of 49 edited**" + ("" if now.last_action.startswith("row") else
                                                    f": {now.last_action}"))


def show_cell(model: VQVAE, now: GridState, nearest: int, distance: np.ndarray, book: Codebook,
              test_digits: int) -> None:
    """The selected cell: the entry its vector lies nearest to, its token's input, that token in every cell, and
    the distance to every entry. `nearest`: the encoder's token here; `test_digits`: how many the usage counts."""
    row, column = now.cell
    codebook_size = len(book.entries)
    edit, drawn = st.columns([2.5, 1])
    with edit:
        st.markdown(f"**Row {row}, column {column}.** The encoder's vector here lies nearest to entry "
                    f"**{nearest}** (distance {distance[nearest]:.2f}): token {nearest}.")
        cell, token = st.columns([1, 2], vertical_alignment="bottom")
        side = now.grid.shape[0]
        cell.selectbox("Cell", [(r, c) for r in range(side) for c in range(side)], key=keys.CELL,
                       format_func=lambda rc: f"{rc[0]}, {rc[1]}", on_change=on_cell_pick,
                       help="The cell to edit (row, column), as a click on the grid picks it.")
        token.number_input(f"Token in this cell (0 to {codebook_size - 1})", 0, codebook_size - 1,
                           key=keys.CELL_CODE, on_change=on_cell_code,
                           help="Any code index. Every change decodes the grid again at once.")
    with drawn:
        st.image(enlarge(decode_grids(model, filled(now.code))[0], 3), width=84, caption=f"{now.code} in every cell",
                 alt=f"The decode of a grid with token {now.code} in every cell")
    if now.code in set(book.usage.dead.tolist()):
        st.caption(f"Code {now.code} is **dead**: no cell of the {test_digits:,} test digits chose it. "
                   "It still decodes.")
    elif now.code != nearest:
        st.caption(f"In the cell now: code {now.code} (the black bar), at distance {distance[now.code]:.2f}; "
                   f"the nearest, {nearest}, at {distance[nearest]:.2f}.")
    show_chart(distance_figure, distance, nearest, now.code, book.usage.dead, key=keys.DISTANCE_CHART,
               config={"displayModeBar": False})
