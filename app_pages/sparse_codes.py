"""Sparse codes: a wide code that pays for every unit it uses, at several strengths of the penalty."""

import numpy as np
import streamlit as st

from explorer.core.data import PIXELS
from explorer.topics.sparse_codes.figures import code_bars_figure
from explorer.topics.sparse_codes.logic import NEAR_ZERO, through_code
from explorer.topics.sparse_codes.story import dead_at_no_penalty, look_for_text, strokes_or_templates
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.images import show_digit
from explorer.ui.shared.own_digit import own_digit_input
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import bundled_data, pretrained_model
from explorer.ui.shared.style import show_figure
from explorer.ui.shared.view_link import ViewLink, ViewParam
from explorer.ui.sparse_codes.loaders import activation_histogram, unit_pictures, usable_runs
from explorer.ui.sparse_codes.predictions import sparse_codes_prediction

PAGE = "app_pages/sparse_codes.py"
FEATURES_SHOWN = 32  # the most used units' pictures beside the code: four rows of eight
EXAMPLES = 100  # test digits of each kind to choose from (the bundled test split has 100 of each)

page_header("✨ Sparse codes: what does each unit draw?",
            "When a wide code must pay for every unit it uses, which units stay on, and what do they draw?")
predict_first(sparse_codes_prediction)

with report_pretrained_error():
    runs, everything = usable_runs()
if not runs:
    st.stop()

data = bundled_data()
strengths = [run.strength for run in runs]
view = ViewLink(PAGE)
view.restore(ViewParam("penalty", "sparse_strength", float, options=strengths),
             ViewParam("digit", "sparse_digit", int, low=0, high=9),
             ViewParam("example", "sparse_example", int, low=1, high=EXAMPLES))
controls = st.columns([2.4, 1, 1])
strength = view.control(
    controls[0].segmented_control, "Penalty λ on the code (0: none)", options=strengths,
    format_func=lambda value: f"{value:g}", default=strengths[len(strengths) // 2], required=True,
    key="sparse_strength",
    help="One button per shipped model: the same network trained with this weight on the L1 penalty.")
digit = view.control(controls[1].selectbox, "Test digit", range(10), index=3, key="sparse_digit")
example = view.control(controls[2].number_input, "Which one", min_value=1, max_value=EXAMPLES, value=1, step=1,
                       key="sparse_example", help=f"One of the {EXAMPLES} test images of this digit.")

position = strengths.index(strength)
run, stats = runs[position], everything[position]
of_this_digit = np.flatnonzero(data.test_labels == digit)
image = data.test_images[of_this_digit[min(example, len(of_this_digit)) - 1]]
models = [pretrained_model(each.name) for each in runs]  # loaded and checked by usable_runs
results = [through_code(model, image) for model in models]
now = results[position]
units = stats.use.units

middle, right = st.columns([3, 2.2])
with middle:
    st.markdown(f"**At {run.label}, this {digit} wakes {now.active} of the {units} units;** "
                f"{units - now.active} are near zero (at most {NEAR_ZERO:g}, while the busiest reach "
                f"{now.code.max():.1f}).")
    show_figure(code_bars_figure(now.code, NEAR_ZERO), key="sparse_bars")
with right:
    in_use = units - int(stats.use.dead.sum())
    shown = min(FEATURES_SHOWN, in_use)
    st.markdown(f"**What the {shown} most used units draw**" if shown < in_use
                else f"**What all {in_use} units in use draw**, the most used first")
    st.image(unit_pictures(run.name, shown, columns=8), width="stretch")
    st.caption("Each unit's decoder weights as a 28 × 28 picture: grey is 0, white adds ink, black takes it away.")

row = st.columns([1.1] + [1.1] * (len(runs) + 1) + [1], vertical_alignment="center")
row[0].markdown(f"**This {digit}, reconstructed at every λ**")
with row[1]:
    show_digit(image, "the test digit")
for cell, each, result in zip(row[2:-1], runs, results, strict=True):
    mark = "▶ " if each is run else ""
    with cell:
        show_digit(result.reconstruction, f"{mark}{each.label}: {result.active} on, MSE {result.mse:.4f}")

look_for(look_for_text(runs, everything))

mine = own_digit_input("sparse")
if mine is not None:
    own = through_code(models[position], mine.image)
    columns = st.columns([1, 1, 4], vertical_alignment="center")
    with columns[0]:
        show_digit(own.reconstruction, f"{run.label}: MSE {own.mse:.4f}")
    columns[1].markdown(f"**Your digit at {run.label}** wakes {own.active} of the {units} units "
                        f"(a test digit wakes {stats.use.mean_active:.0f} on average).")
    with columns[2]:
        show_figure(code_bars_figure(own.code, NEAR_ZERO, height=200), key="sparse_own_bars")

with deeper():
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
        st.markdown(f"**Every value of every unit on the {len(data.test_images):,} test digits**")
        show_figure(activation_histogram(tuple(each.name for each in runs), tuple(each.label for each in runs)),
                    key="sparse_histogram")
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
    st.image(unit_pictures(run.name, units, columns=16), width="stretch")

view.finish()
next_link(PAGE)
