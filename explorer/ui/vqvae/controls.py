"""The VQ-VAE page's controls, in one row: which digit is encoded, then the edits of its whole grid."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from explorer.core.data import DigitData
from explorer.core.digitize import Digit
from explorer.ui.shared.view_link import ViewLink, ViewParam
from explorer.ui.vqvae import keys
from explorer.ui.vqvae.state import randomise, reset, state, swap

RANDOMISE_LABEL = "🎲 Randomise"  # the look-for text names the button by it


@dataclass(frozen=True)
class ShownDigit:
    image: np.ndarray
    caption: str
    source: str  # names the digit: a new one starts a fresh grid


def digit_controls(view: ViewLink, data: DigitData, mine: Digit | None) -> tuple[ShownDigit, list[DeltaGenerator]]:
    """The test digit's number (and, once the student has drawn one, the toggle to their own); the digit chosen,
    and the row's other columns, for the edit controls."""
    view.restore(ViewParam("digit", keys.DIGIT, int, low=0, high=len(data.test_images) - 1))
    controls = st.columns([1, 0.9, 1, 1, 0.75, 0.75, 0.95] if mine is not None else [1, 1, 1, 0.75, 0.75, 0.95],
                          vertical_alignment="bottom")
    use_own = mine is not None and controls.pop(1).toggle("My digit", key=keys.USE_OWN,
                                                           help="Encode the digit you drew or uploaded below.")
    index = int(view.control(controls[0].number_input, "Test digit #", min_value=0,
                             max_value=len(data.test_images) - 1, value=0, step=1, key=keys.DIGIT, disabled=use_own,
                             help=f"One of the {len(data.test_images):,} test digits: the model never trained on "
                                  "them."))
    if use_own:
        shown = ShownDigit(mine.image, "your digit", f"own {hashlib.sha1(mine.image.tobytes()).hexdigest()}")
    else:
        shown = ShownDigit(data.test_images[index], f"test digit #{index}: a {data.test_labels[index]}",
                           f"test {index}")
    return shown, controls[1:]


def edit_controls(columns: list[DeltaGenerator], codebook_size: int) -> None:
    """Randomise, undo, and swap every code a for code b, in the row's last five columns."""
    columns[0].button(RANDOMISE_LABEL, key=keys.RANDOMISE, width="stretch", on_click=randomise, args=(codebook_size,),
                      help="Draw all 49 tokens uniformly at random from the whole codebook.")
    columns[1].button("↩️ Undo edits", key=keys.RESET, width="stretch", on_click=reset,
                      help="Undo every edit: the tokens the encoder chose for this digit.")
    st.session_state.setdefault(keys.SWAP_A, state().code)
    st.session_state.setdefault(keys.SWAP_B, (state().code + 1) % codebook_size)
    columns[2].number_input("Swap code a", 0, codebook_size - 1, key=keys.SWAP_A)
    columns[3].number_input("for code b", 0, codebook_size - 1, key=keys.SWAP_B)
    columns[4].button("Swap a → b", key=keys.SWAP, width="stretch", on_click=swap)
