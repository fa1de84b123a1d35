"""The Sparse codes page's "Go deeper": what the penalty does, every unit's values at every penalty, the units in
use, whether they draw strokes or templates, and every unit of the chosen model."""

from __future__ import annotations

import streamlit as st

from explorer.core.data import PIXELS
from explorer.topics.sparse_codes.logic import NEAR_ZERO, Measured
from explorer.topics.sparse_codes.shipped import ShippedRun
from explorer.topics.sparse_codes.story import dead_at_no_penalty, strokes_or_templates
from explorer.ui.shared.style import show_chart
from explorer.ui.sparse_codes import keys
from explorer.ui.sparse_codes.loaders import activation_histogram, unit_pictures


def show_deeper(runs: list[ShippedRun], everything: list[Measured], run: ShippedRun, stats: Measured,
                test_digits: int) -> None:
    """`everything`: the measurements of each of `runs`; `run` and `stats`: the chosen model's."""
    units = stats.use.units
    st.markdown(
        f"**What the penalty does.** The encoder turns a digit's {PIXELS} pixels into a code of {units} numbers, "
        "its **units** (the dimensions of the code), each 0 or more (a ReLU). The decoder adds up one picture per "
        "unit, each weighted by its unit's value, and squashes the sum into pixels between 0 and 1. Training "
        "lowers the reconstruction error plus **λ times the L1 penalty**: the sum of the code's values. So every "
        "unit a digit uses costs it something, in proportion to how loud it is. A unit earns its cost only where it "
        "helps many digits a lot, and the cheapest code switches most units fully off. Units then specialise: "
        "instead of every unit nudging every digit a little, each takes the job of drawing one kind of shape for "
        "the digits that need it, and stays silent for the rest. Each unit's picture is kept at length 1, so the "
        "code cannot dodge the penalty by making its numbers small and the pictures large."
    )
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**Every value of every unit on the {test_digits:,} test digits**")
        show_chart(activation_histogram, tuple(each.name for each in runs), tuple(each.label for each in runs),
                   key=keys.HISTOGRAM_CHART)
    with right:
        st.markdown("**Units in use, per λ**")
        st.table({"penalty": [each.label for each in runs],
                  "units on per digit": [f"{m.use.mean_active:.1f} of {m.use.units}" for m in everything],
                  "dead units": [f"{m.use.dead_share:.0%}" for m in everything],
                  "test MSE": [f"{m.mse:.4f}" for m in everything]})
        st.markdown(f"A unit is **dead** when it stays near zero (at most {NEAR_ZERO:g}) on every test digit."
                    + dead_at_no_penalty(runs[0], everything[0]))
    st.markdown(strokes_or_templates(runs, everything))
    st.markdown(f"**All {units} units at {run.label}**, the most used first; the "
                f"{int(stats.use.dead.sum())} dead ones come last.")
    st.image(unit_pictures(run.name, units, columns=16), width="stretch",
             alt=f"The pictures of all {units} units at {run.label}, sixteen to a row, the most used first")
