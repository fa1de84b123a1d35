"""The Bottleneck page's controls, in one row: the code size k (with arrows to step it) and which test digits."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from explorer.core.data import PIXELS
from explorer.topics.bottleneck.logic import SELECTION_MODES, ErrorCurve, default_k
from explorer.ui.bottleneck import keys
from explorer.ui.shared.shortcuts import option_stepper
from explorer.ui.shared.view_link import ViewLink, ViewParam


@dataclass(frozen=True)
class BottleneckChoice:
    k: int
    mode: str  # a key of SELECTION_MODES
    seed: int  # the random draw's (0 unless the mode is "random")
    digit: int | None  # the digit shown (None unless the mode is "digit")

    @property
    def hidden(self) -> tuple[str, ...]:
        """The link's settings that this mode draws no control for."""
        return {"random": ("digit",), "digit": ("seed",)}.get(self.mode, ("seed", "digit"))


def bottleneck_controls(view: ViewLink, curve: ErrorCurve) -> BottleneckChoice:
    view.restore(ViewParam("k", keys.K, int, options=curve.ks),
                 ViewParam("mode", keys.MODE, options=list(SELECTION_MODES)),
                 ViewParam("seed", keys.SEED, int, low=0, high=10_000),
                 ViewParam("digit", keys.DIGIT, int, low=0, high=9))
    controls = st.columns([2.2, 0.9, 1.6, 1.2], vertical_alignment="bottom")
    k = view.control(controls[0].segmented_control, f"Code size k: the numbers kept of {PIXELS}", options=curve.ks,
                     default=default_k(curve), required=True, key=keys.K,
                     help="Only the sizes with a shipped model: nothing retrains.")
    with controls[1]:
        option_stepper(keys.K, curve.ks, disabled=view.locked(keys.K))
    mode = view.control(controls[2].selectbox, "Which test digits", list(SELECTION_MODES),
                        format_func=SELECTION_MODES.get, key=keys.MODE)
    seed, digit = 0, None
    if mode == "random":
        seed = view.control(controls[3].number_input, "Random seed", min_value=0, max_value=10_000, value=0, step=1,
                            key=keys.SEED)
    elif mode == "digit":
        digit = view.control(controls[3].selectbox, "Digit", range(10), key=keys.DIGIT)
    return BottleneckChoice(k, mode, seed, digit)
