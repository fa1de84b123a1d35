"""Denoising: corrupt test digits and compare a plain autoencoder with a denoising one."""

import numpy as np
import streamlit as st

from explorer.core.noise import MAX_PSNR_DB, NOISE_KINDS
from explorer.topics.bottleneck.logic import pick_images
from explorer.topics.denoising.figures import psnr_curve_figure
from explorer.topics.denoising.logic import PsnrCurves, background_brightness, denoise, join
from explorer.topics.denoising.verdicts import denoising_verdict, plain_verdict
from explorer.ui.errors import report_pretrained_error
from explorer.ui.images import show_digit_rows
from explorer.ui.loaders import bundled_data, denoised_test_digits, pretrained_model, pretrained_store
from explorer.ui.own_digit import own_digit_input

IMAGES_SHOWN = 7
NOISE_NAMES = {"gaussian": "Gaussian", "salt_pepper": "Salt and pepper", "masking": "Masking"}

st.title("🧽 Denoising: learning to undo noise")
st.markdown(
    "Two autoencoders with the same shape. The **plain** one was trained to copy clean digits. "
    "The **denoising** one (DAE) was shown digits *with noise added* and scored on how close its "
    "output came to the *clean* digit, so it had to learn what digits look like, not just how to copy. "
    "Add noise below and compare them."
)

with report_pretrained_error():
    group = pretrained_store().group("denoising")
    curves = PsnrCurves.from_json(group["psnr_curves"])
    plain = pretrained_model(group["plain_model"])
    dae = pretrained_model(group["denoising_model"])

controls = st.columns([2, 3])
kind = controls[0].radio("Noise", list(NOISE_KINDS), format_func=NOISE_NAMES.get, key="denoising_kind",
                         horizontal=True, help="\n\n".join(NOISE_KINDS.values()))
default_level = min(curves.levels, key=lambda level: abs(level - 0.3))
level = controls[1].select_slider("Noise level", options=curves.levels, value=default_level, key="denoising_level",
                                  help=NOISE_KINDS[kind])
mine = own_digit_input("denoising")

data = bundled_data()
indices = pick_images("random", labels=data.test_labels, count=IMAGES_SHOWN, seed=1)
captions = [f"digit {label}" for label in data.test_labels[indices]]
result = denoised_test_digits(group["plain_model"], group["denoising_model"], tuple(indices),
                              tuple(curves.levels))[(kind, level)]
if mine is not None:
    result = join(result, denoise(plain, dae, mine.image[None], kind, level))
    captions.append("your digit")

stats = st.columns(3)
stats[0].metric("Noisy input, mean PSNR", f"{result.noisy_psnr.mean():.1f} dB")
stats[1].metric("Plain AE, mean PSNR", f"{result.plain_psnr.mean():.1f} dB",
                delta=f"{result.plain_psnr.mean() - result.noisy_psnr.mean():+.1f} dB vs noisy")
stats[2].metric("Denoising AE, mean PSNR", f"{result.denoising_psnr.mean():.1f} dB",
                delta=f"{result.denoising_psnr.mean() - result.noisy_psnr.mean():+.1f} dB vs noisy")

st.subheader(f"{NOISE_NAMES[kind]} noise at level {level:g}")


def psnr_captions(values: np.ndarray) -> list[str]:
    return [f"{value:.1f} dB" for value in values]


show_digit_rows([
    ("Clean", result.clean, captions),
    ("Noisy", result.noisy, psnr_captions(result.noisy_psnr)),
    ("Plain AE", result.plain, psnr_captions(result.plain_psnr)),
    ("Denoising AE", result.denoising, psnr_captions(result.denoising_psnr)),
])

left, right = st.columns([3, 2])
with left:
    st.subheader(f"PSNR against noise level (all {len(bundled_data().test_images):,} test digits)")
    st.plotly_chart(psnr_curve_figure(curves.levels, curves.noisy[kind], curves.plain[kind],
                                      curves.denoising[kind], level), key="denoising_curve")
with right:
    st.subheader("Reading the numbers")
    st.markdown(
        f"""
**PSNR** (peak signal-to-noise ratio) compares a picture with the clean digit: 10 · log10(1 / MSE),
in decibels, where MSE is the mean of the squared pixel differences. Higher is closer; every +10 dB
means ten times less squared error. A perfect copy is capped at {MAX_PSNR_DB:g} dB here.
"""
    )
    background = (background_brightness(result.clean, result.noisy), background_brightness(result.clean, result.plain))
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
