"""Denoising: corrupt test digits and compare a plain autoencoder with a denoising one."""

import numpy as np
import streamlit as st

from explorer.core.noise import MAX_PSNR_DB, NOISE_KINDS
from explorer.topics.bottleneck.logic import pick_images
from explorer.topics.denoising.figures import psnr_curve_figure
from explorer.topics.denoising.logic import PsnrCurves, background_brightness, denoise
from explorer.topics.denoising.story import NOISE_IN_WORDS, denoising_verdict, plain_verdict, shown_in_words
from explorer.ui.denoising.loaders import denoised_test_digits
from explorer.ui.denoising.predictions import denoising_prediction
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.images import show_digit, show_digit_rows
from explorer.ui.shared.own_digit import own_digit_input
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import bundled_data, pretrained_model, pretrained_store
from explorer.ui.shared.style import show_figure
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

view = ViewLink(PAGE)
view.restore(ViewParam("noise", "denoising_kind", options=list(NOISE_KINDS)),
             ViewParam("level", "denoising_level", float, options=curves.levels))
controls = st.columns([2, 3])
kind = view.control(controls[0].radio, "Noise", list(NOISE_KINDS), format_func=NOISE_NAMES.get,
                    key="denoising_kind", horizontal=True, help="\n\n".join(NOISE_KINDS.values()))
default_level = min(curves.levels, key=lambda level: abs(level - 0.3))
level = view.control(controls[1].select_slider, "Noise level", options=curves.levels, value=default_level,
                     key="denoising_level", help=NOISE_KINDS[kind])

data = bundled_data()
indices = pick_images("random", labels=data.test_labels, count=IMAGES_SHOWN, seed=1)
result = denoised_test_digits(group["plain_model"], group["denoising_model"], tuple(indices),
                              tuple(curves.levels))[(kind, level)]


def psnr_captions(values: np.ndarray) -> list[str]:
    return [f"{value:.1f} dB" for value in values]


grid, verdict = st.columns([5, 1.7], vertical_alignment="center")  # the result beside the rows: all in view
with grid:
    show_digit_rows([
        ("Clean", result.clean, [f"digit {label}" for label in data.test_labels[indices]]),
        ("Noisy input", result.noisy, psnr_captions(result.noisy_psnr)),
        ("Plain AE", result.plain, psnr_captions(result.plain_psnr)),
        ("Denoising AE", result.denoising, psnr_captions(result.denoising_psnr)),
    ], label_width=1.6)
verdict.markdown(shown_in_words(result, f"{NOISE_NAMES[kind]} noise", level))

look_for(
    "Compare the two bottom rows. The **plain** autoencoder only ever learned to copy clean digits; the "
    "**denoising** one (DAE) was trained on noisy digits, scored on how close its output came to the *clean* "
    "digit, so it had to learn what a digit looks like. Try each noise at a high level: which of them helps, "
    "and which makes the digit worse?"
)

mine = own_digit_input("denoising")
if mine is not None:
    own = denoise(plain, dae, mine.image[None], kind, level)
    columns = st.columns([1, 1, 1, 1, 4], vertical_alignment="center")  # digits the size of the rows above
    for column, images, caption in zip(columns, (own.clean, own.noisy, own.plain, own.denoising),
                                       ("your digit", "noisy", "plain AE", "DAE"), strict=False):
        with column:
            show_digit(images[0], caption)  # captions of one line each: the four digits stay in line
    columns[4].markdown(
        f"**Your digit with {NOISE_IN_WORDS[kind]} at level {level:g}.** The denoising autoencoder (DAE) brings it "
        f"to {own.denoising_psnr[0]:.1f} dB, the plain one to {own.plain_psnr[0]:.1f} dB; the noisy input scores "
        f"{own.noisy_psnr[0]:.1f} dB (PSNR: higher is closer to your clean digit)."
    )

with deeper():
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**PSNR against noise level**, averaged over all {len(data.test_images):,} test digits")
        show_figure(psnr_curve_figure(curves.levels, curves.noisy[kind], curves.plain[kind],
                                      curves.denoising[kind], level), key="denoising_curve")
    with right:
        st.markdown(
            f"""
**Reading the numbers.** **PSNR** (peak signal-to-noise ratio) compares a picture with the clean digit:
10 · log10(1 / MSE), in decibels, where MSE is the mean of the squared pixel differences. Higher is
closer; every +10 dB means ten times less squared error. A perfect copy is capped at {MAX_PSNR_DB:g} dB here.
"""
        )
        background = (background_brightness(result.clean, result.noisy),
                      background_brightness(result.clean, result.plain))
        st.markdown(plain_verdict(curves, kind, background))
    st.markdown(denoising_verdict(curves, kind, group["max_train_level"]))
    st.markdown(
        """
**A link to diffusion.** A diffusion model removes noise too, but not in one go. Its network learns to
guess the clean picture from pictures with Gaussian noise of every strength, and the sampler calls it again and
again, each time moving the picture only a small step towards that guess, starting from static. The
denoising autoencoder here makes a single jump, from a noisy digit straight to a clean one, and the noise
it knows is of other kinds. It does a job like the one inside each diffusion step; it is not a step of
diffusion itself.
"""
    )

view.finish()
next_link(PAGE)
