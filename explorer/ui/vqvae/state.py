"""The VQ-VAE page's session state: the student's grid of tokens, and the widgets' callbacks that edit it."""

from __future__ import annotations

import streamlit as st

from explorer.topics.vqvae import editing
from explorer.ui.vqvae.keys import CELL, CELL_CODE, GRID_CHART, STATE, SWAP_A, SWAP_B


def state() -> editing.GridState:
    return st.session_state[STATE]


def update(new: editing.GridState) -> None:
    st.session_state[STATE] = new
    st.session_state[CELL_CODE] = new.code  # the number input follows the selected cell
    st.session_state[CELL] = new.cell  # and so does the cell's select box


def on_cell_pick() -> None:
    """The cell picked in its select box, as a click on it would."""
    update(editing.select(state(), *st.session_state[CELL]))
    st.session_state[SWAP_A] = state().code


def start(source: str, tokens) -> None:
    """A new digit (`source` names it) starts from the encoder's tokens, on the cell selected before."""
    if STATE not in st.session_state or state().source != source:
        previous = st.session_state.get(STATE)
        update(editing.fresh(source, tokens, previous.cell if previous else editing.FIRST_CELL))


def on_cell_code() -> None:
    update(editing.put(state(), int(st.session_state[CELL_CODE])))


def on_click() -> None:
    event = st.session_state.get(GRID_CHART)
    cell = editing.clicked_cell(event["selection"]["points"] if event else [])
    if cell is not None:  # an empty event (a redrawn figure) keeps the selected cell
        update(editing.select(state(), *cell))
        st.session_state[SWAP_A] = state().code


def randomise(codebook_size: int) -> None:
    update(editing.randomise(state(), codebook_size))


def reset() -> None:
    update(editing.reset(state()))


def swap() -> None:
    update(editing.swap_all(state(), int(st.session_state[SWAP_A]), int(st.session_state[SWAP_B])))
