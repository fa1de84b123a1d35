"""The Denoising page's rows of digits (clean, noisy, and both autoencoders' outputs) and the student's own digit
through the same noise."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.models.base import Autoencoder
from explorer.topics.denoising.logic import Denoised, denoise
from explorer.topics.denoising.story import NOISE_IN_WORDS
from explorer.ui.shared.images import show_digit, show_digit_rows


def psnr_captions(values: np.ndarray) -> list[str]:
    return [f"{value:.1f} dB" for value in values]


def psnr_alts(what: str, labels: np.ndarray, values: np.ndarray) -> list[str]:
    return [f"{what} test digit {label} ({value:.1f} dB)" for label, value in zip(labels, values, strict=True)]


def show_rows(result: Denoised, labels: np.ndarray) -> None:
    show_digit_rows([
        ("Clean", result.clean, [f"digit {label}" for label in labels],
         [f"Clean test digit {label}" for label in labels]),
        ("Noisy input", result.noisy, psnr_captions(result.noisy_psnr),
         psnr_alts("Noise added to", labels, result.noisy_psnr)),
        ("Plain AE", result.plain, psnr_captions(result.plain_psnr),
         psnr_alts("The plain autoencoder's output for the noisy", labels, result.plain_psnr)),
        ("Denoising AE", result.denoising, psnr_captions(result.denoising_psnr),
         psnr_alts("The denoising autoencoder's output for the noisy", labels, result.denoising_psnr)),
    ], label_width=1.6)


def show_own_digit(image: np.ndarray, plain: Autoencoder, dae: Autoencoder, kind: str, level: float) -> None:
    own = denoise(plain, dae, image[None], kind, level)
    columns = st.columns([1, 1, 1, 1, 4], vertical_alignment="center")  # digits the size of the rows above
    alts = ("Your digit", f"Your digit with {NOISE_IN_WORDS[kind]} at level {level:g} ({own.noisy_psnr[0]:.1f} dB)",
            f"The plain autoencoder's output for your noisy digit ({own.plain_psnr[0]:.1f} dB)",
            f"The denoising autoencoder's output for your noisy digit ({own.denoising_psnr[0]:.1f} dB)")
    for column, images, caption, alt in zip(columns, (own.clean, own.noisy, own.plain, own.denoising),
                                            ("your digit", "noisy", "plain AE", "DAE"), alts, strict=False):
        with column:
            show_digit(images[0], caption, alt=alt)  # captions of one line each: the four digits stay in line
    columns[4].markdown(
        f"**Your digit with {NOISE_IN_WORDS[kind]} at level {level:g}.** The denoising autoencoder (DAE) brings it "
        f"to {own.denoising_psnr[0]:.1f} dB, the plain one to {own.plain_psnr[0]:.1f} dB; the noisy input scores "
        f"{own.noisy_psnr[0]:.1f} dB (PSNR: higher is closer to your clean digit)."
    )
