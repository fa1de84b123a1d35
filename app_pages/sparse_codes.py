"""Sparse codes: a wide code that pays for every unit it uses, at several strengths of the penalty."""

import numpy as np
import streamlit as st

from explorer.topics.sparse_codes.logic import through_code
from explorer.topics.sparse_codes.story import look_for_text
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.own_digit import own_digit_input
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import bundled_data, pretrained_model
from explorer.ui.shared.view_link import ViewLink, ViewParam
from explorer.ui.sparse_codes import keys
from explorer.ui.sparse_codes.deeper import show_deeper
from explorer.ui.sparse_codes.loaders import usable_runs
from explorer.ui.sparse_codes.panels import show_code, show_every_penalty, show_own_digit
from explorer.ui.sparse_codes.predictions import sparse_codes_prediction

PAGE = "app_pages/sparse_codes.py"
EXAMPLES = 100  # test digits of each kind to choose from (the bundled test split has 100 of each)

page_header("✨ Sparse codes: what does each unit draw?",
            "When a wide code must pay for every unit it uses, which units stay on, and what do they draw?")
predict_first(sparse_codes_prediction)

with report_pretrained_error():
    runs, everything = usable_runs()
if not runs:
    st.stop()
data = bundled_data()

# --- the controls, in one row ---
strengths = [run.strength for run in runs]
view = ViewLink(PAGE)
view.restore(ViewParam("penalty", keys.STRENGTH, float, options=strengths),
             ViewParam("digit", keys.DIGIT, int, low=0, high=9),
             ViewParam("example", keys.EXAMPLE, int, low=1, high=EXAMPLES))
controls = st.columns([2.4, 1, 1])
strength = view.control(
    controls[0].segmented_control, "Penalty λ on the code (0: none)", options=strengths,
    format_func=lambda value: f"{value:g}", default=strengths[len(strengths) // 2], required=True,
    key=keys.STRENGTH,
    help="One button per shipped model: the same network trained with this weight on the L1 penalty.")
digit = view.control(controls[1].selectbox, "Test digit", range(10), index=3, key=keys.DIGIT)
example = view.control(controls[2].number_input, "Which one", min_value=1, max_value=EXAMPLES, value=1, step=1,
                       key=keys.EXAMPLE, help=f"One of the {EXAMPLES} test images of this digit.")

# --- the main picture: the digit's code and what the units draw; the digit at every penalty ---
position = strengths.index(strength)
run, stats = runs[position], everything[position]
of_this_digit = np.flatnonzero(data.test_labels == digit)
image = data.test_images[of_this_digit[min(example, len(of_this_digit)) - 1]]
models = [pretrained_model(each.name) for each in runs]  # loaded and checked by usable_runs
results = [through_code(model, image) for model in models]
show_code(run, stats, results[position], digit)
show_every_penalty(image, digit, runs, results, run)

look_for(look_for_text(runs, everything))

mine = own_digit_input("sparse")
if mine is not None:
    show_own_digit(through_code(models[position], mine.image), run, stats)

with deeper() as opened:
    if opened:
        show_deeper(runs, everything, run, stats, len(data.test_images))

view.finish()
next_link(PAGE)
