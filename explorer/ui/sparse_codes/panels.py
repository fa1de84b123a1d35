"""The Sparse codes page's main picture and the student's own digit: the code of one digit at the chosen penalty,
what the most used units draw, the digit reconstructed at every penalty, and the student's digit's code."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.topics.sparse_codes.figures import code_bars_figure
from explorer.topics.sparse_codes.logic import NEAR_ZERO, DigitThroughCode, Measured
from explorer.topics.sparse_codes.shipped import ShippedRun
from explorer.ui.shared.images import show_digit
from explorer.ui.shared.style import show_chart, show_figure
from explorer.ui.sparse_codes import keys
from explorer.ui.sparse_codes.loaders import unit_pictures

FEATURES_SHOWN = 32  # the most used units' pictures beside the code: four rows of eight


def show_code(run: ShippedRun, stats: Measured, now: DigitThroughCode, digit: int) -> None:
    """The digit's code as bars, beside the pictures of the units most used over the test digits."""
    units = stats.use.units
    middle, right = st.columns([3, 2.2])
    with middle:
        st.markdown(f"**At {run.label}, this {digit} wakes {now.active} of the {units} units;** "
                    f"{units - now.active} are near zero (at most {NEAR_ZERO:g}, while the busiest reach "
                    f"{now.code.max():.1f}).")
        show_chart(code_bars_figure, now.code, NEAR_ZERO, key=keys.BARS_CHART)
    with right:
        in_use = units - int(stats.use.dead.sum())
        shown = min(FEATURES_SHOWN, in_use)
        st.markdown(f"**What the {shown} most used units draw**" if shown < in_use
                    else f"**What all {in_use} units in use draw**, the most used first")
        st.image(unit_pictures(run.name, shown, columns=8), width="stretch",
                 alt=f"The pictures that the {shown} most used units at {run.label} add to a digit, eight to a row")
        st.caption("Each unit's decoder weights as a 28 × 28 picture: grey is 0, white adds ink, black takes it away.")


def show_every_penalty(image: np.ndarray, digit: int, runs: list[ShippedRun], results: list[DigitThroughCode],
                       run: ShippedRun) -> None:
    """The digit reconstructed by every shipped model, the chosen one (`run`) marked."""
    row = st.columns([1.1] + [1.1] * (len(runs) + 1) + [1], vertical_alignment="center")
    row[0].markdown(f"**This {digit}, reconstructed at every λ**")
    with row[1]:
        show_digit(image, "the test digit", alt=f"The test digit, a {digit}")
    for cell, each, result in zip(row[2:-1], runs, results, strict=True):
        mark = "▶ " if each is run else ""
        with cell:
            show_digit(result.reconstruction, f"{mark}{each.label}: {result.active} on, MSE {result.mse:.4f}",
                       alt=f"This {digit} reconstructed at {each.label}: {result.active} units on, "
                           f"MSE {result.mse:.4f}")


def show_own_digit(own: DigitThroughCode, run: ShippedRun, stats: Measured) -> None:
    columns = st.columns([1, 1, 4], vertical_alignment="center")
    with columns[0]:
        show_digit(own.reconstruction, f"{run.label}: MSE {own.mse:.4f}",
                   alt=f"Your digit reconstructed at {run.label}: MSE {own.mse:.4f}")
    columns[1].markdown(f"**Your digit at {run.label}** wakes {own.active} of the {stats.use.units} units "
                        f"(a test digit wakes {stats.use.mean_active:.0f} on average).")
    with columns[2]:
        show_figure(code_bars_figure(own.code, NEAR_ZERO, height=200), key=keys.OWN_BARS_CHART)
