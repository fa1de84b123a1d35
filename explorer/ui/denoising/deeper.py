"""The Denoising page's "Go deeper": PSNR against the noise level, how to read it, why the plain autoencoder
fails where it does, how far the denoising one goes, and how this differs from diffusion."""

from __future__ import annotations

import streamlit as st

from explorer.core.noise import MAX_PSNR_DB
from explorer.topics.denoising.figures import psnr_curve_figure
from explorer.topics.denoising.logic import Denoised, PsnrCurves, background_brightness
from explorer.topics.denoising.story import denoising_verdict, plain_verdict
from explorer.ui.denoising import keys
from explorer.ui.shared.style import show_chart

READING_THE_NUMBERS = f"""
**Reading the numbers.** **PSNR** (peak signal-to-noise ratio) compares a picture with the clean digit:
10 · log10(1 / MSE), in decibels, where MSE is the mean of the squared pixel differences. Higher is
closer; every +10 dB means ten times less squared error. A perfect copy is capped at {MAX_PSNR_DB:g} dB here.
"""
LINK_TO_DIFFUSION = """
**A link to diffusion.** A diffusion model removes noise too, but not in one go. Its network learns to
guess the clean picture from pictures with Gaussian noise of every strength, and the sampler calls it again and
again, each time moving the picture only a small step towards that guess, starting from static. The
denoising autoencoder here makes a single jump, from a noisy digit straight to a clean one, and the noise
it knows is of other kinds. It does a job like the one inside each diffusion step; it is not a step of
diffusion itself.
"""


def show_deeper(curves: PsnrCurves, kind: str, level: float, result: Denoised, max_train_level: float,
                test_digits: int) -> None:
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**PSNR against noise level**, averaged over all {test_digits:,} test digits")
        show_chart(psnr_curve_figure, curves.levels, curves.noisy[kind], curves.plain[kind],
                   curves.denoising[kind], level, key=keys.CURVE_CHART)
    with right:
        st.markdown(READING_THE_NUMBERS)
        background = (background_brightness(result.clean, result.noisy),
                      background_brightness(result.clean, result.plain))
        st.markdown(plain_verdict(curves, kind, background))
    st.markdown(denoising_verdict(curves, kind, max_train_level))
    st.markdown(LINK_TO_DIFFUSION)
