"""The Shapes page's *Go deeper*: the shipped runs measured, the data set, and how a label and MIG are measured."""

from __future__ import annotations

import streamlit as st

from explorer.core.glossary import term
from explorer.core.shapes import FACTOR_NAMES, FACTOR_SIZES, factor_value
from explorer.topics.shapes.shipped import ShippedRun
from explorer.topics.shapes.story import HELD, largest_beta_story, never_held_story
from explorer.ui.shapes.loaders import largest_beta_guesses
from explorer.ui.shared.errors import report_pretrained_error

MIG_WORDS = (
    "**MIG, the mutual information gap** (Chen et al., 2018). For each factor, take the share held by the "
    "dimension that knows most about it and subtract the share of the runner-up, then average over the five "
    "factors. A factor squeezed into one dimension scores near 1; a factor spread evenly over two dimensions, "
    "or held by none, scores near 0. MIG does not mind one dimension carrying two factors: the matrix shows "
    "that side."
)
WHY_BETA_WORDS = (
    "**Why β might help, and why it need not.** A larger β charges more for every nat of KL, so the code "
    f"keeps fewer dimensions and each posterior stays close to {term('N(0, I)')}, whose dimensions are independent. "
    "Higgins et al. (2017) argued that this pressure favours dimensions that line up with independent "
    "factors. Locatello et al. (2019) showed that without labels nothing forces it: the prior looks the same "
    "after any rotation of the code, so a model may just as well mix factors."
)


def explain(runs: list[ShippedRun], shapes: int) -> None:
    st.markdown("#### The shipped runs, measured")
    with report_pretrained_error(stop=False):  # the rest of Go deeper needs no measurement
        st.markdown(f"{largest_beta_story(runs, largest_beta_guesses())} {never_held_story(runs)}")
    st.markdown(
        "**The data set.** Every combination of five factors, drawn here in code (no download): "
        + "; ".join(f"*{name}*, {size} values ({factor_value(name, 0)} to {factor_value(name, size - 1)})"
                    for name, size in zip(FACTOR_NAMES, FACTOR_SIZES, strict=True))
        + f", {shapes:,} pictures in all. Rotations stop short of 90°, where a square would look the same "
          "again, so every picture is different.")
    st.markdown(
        "**How a row's label is measured.** For each dimension, the code means of all the shapes are sorted into "
        "20 bins, and the mutual information between those bins and each factor is divided by what there is to "
        "know about that factor (its entropy): 100% means the dimension alone tells the factor exactly. A row is "
        f"labelled with its largest share; the matrix shows all of them. Shares under {HELD:.0%} count as "
        "holding next to nothing. MIG is measured from these same shares; this way of estimating it (the code "
        "means in 20 bins) is the one Locatello et al. (2019) used to compare thousands of trained models.")
    st.markdown(MIG_WORDS)
    st.markdown(WHY_BETA_WORDS)
