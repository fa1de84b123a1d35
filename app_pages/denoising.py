"""Denoising: corrupt test digits and compare a plain autoencoder with a denoising one."""

import streamlit as st

from explorer.core.data import random_indices
from explorer.core.noise import NOISE_KINDS
from explorer.topics.denoising.logic import PsnrCurves
from explorer.topics.denoising.story import shown_in_words
from explorer.ui.denoising import keys
from explorer.ui.denoising.deeper import show_deeper
from explorer.ui.denoising.loaders import denoised_test_digits
from explorer.ui.denoising.panels import show_own_digit, show_rows
from explorer.ui.denoising.predictions import denoising_prediction
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.own_digit import own_digit_input
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import bundled_data, pretrained_model, pretrained_store
from explorer.ui.shared.view_link import ViewLink, ViewParam

PAGE = "app_pages/denoising.py"
IMAGES_SHOWN = 7
NOISE_NAMES = {"gaussian": "Gaussian", "salt_pepper": "Salt and pepper", "masking": "Masking"}

page_header("🧽 Denoising: learning to undo noise",
            "Can an autoencoder learn to take the noise off a digit, and can one that only learned to copy?")
predict_first(denoising_prediction)

with report_pretrained_error():
    group = pretrained_store().group("denoising")
    curves = PsnrCurves.from_json(group["psnr_curves"])
    plain = pretrained_model(group["plain_model"])
    dae = pretrained_model(group["denoising_model"])

# --- the controls, in one row ---
view = ViewLink(PAGE)
view.restore(ViewParam("noise", keys.KIND, options=list(NOISE_KINDS)),
             ViewParam("level", keys.LEVEL, float, options=curves.levels))
controls = st.columns([2, 3])
kind = view.control(controls[0].radio, "Noise", list(NOISE_KINDS), format_func=NOISE_NAMES.get,
                    key=keys.KIND, horizontal=True, help="\n\n".join(NOISE_KINDS.values()))
default_level = min(curves.levels, key=lambda level: abs(level - 0.3))
level = view.control(controls[1].select_slider, "Noise level", options=curves.levels, value=default_level,
                     key=keys.LEVEL, help=NOISE_KINDS[kind])

# --- the main picture: the rows of digits, and beside them what they show ---
data = bundled_data()
indices = random_indices(len(data.test_labels), IMAGES_SHOWN, seed=1)
result = denoised_test_digits(group["plain_model"], group["denoising_model"], tuple(indices),
                              tuple(curves.levels))[(kind, level)]
grid, verdict = st.columns([5, 1.7], vertical_alignment="center")  # the result beside the rows: all in view
with grid:
    show_rows(result, data.test_labels[indices])
verdict.markdown(shown_in_words(result, f"{NOISE_NAMES[kind]} noise", level))

look_for(
    "Compare the two bottom rows. The **plain** autoencoder only ever learned to copy clean digits; the "
    "**denoising** one (DAE) was trained on noisy digits, scored on how close its output came to the *clean* "
    "digit, so it had to learn what a digit looks like. Try each noise at a high level: which of them helps, "
    "and which makes the digit worse?"
)

mine = own_digit_input("denoising")
if mine is not None:
    show_own_digit(mine.image, plain, dae, kind, level)

with deeper() as opened:
    if opened:
        show_deeper(curves, kind, level, result, group["max_train_level"], len(data.test_images))

view.finish()
next_link(PAGE)
