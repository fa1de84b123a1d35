"""The Diffusion page's result of the last action: the line under the samples, saying what made them."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.core.schedulers import T
from explorer.models.digit_likeness import DigitLikeness, score_images
from explorer.topics.diffusion.logic import BATCH, PixelRun, ReverseFrames
from explorer.ui.diffusion.loaders import DiffusionNetworks


def show_what_was_made(settings: PixelRun, pixel: ReverseFrames, scored: DigitLikeness, networks: DiffusionNetworks,
                       test_images: np.ndarray) -> None:
    """From a noised test digit: how many samples the classifier still reads as that digit. From static: the
    seed, the sampler, and whether the samples were shipped or made just now."""
    if settings.start_image is not None:
        started_as = int(np.argmax(score_images(networks.classifier, test_images[settings.start_image]).class_counts))
        read_as_it = scored.class_counts[started_as]
        st.markdown(
            f"All {BATCH} start from **test digit {settings.start_image}** noised to step {settings.start_step}, "
            "each with different noise. Small t: every one comes back as that digit. Large t: too little survives, "
            f"and the network invents other digits. Here the digit classifier reads **{read_as_it} of the "
            f"{BATCH}** as a {started_as}, as it reads the digit you started from."
        )
    else:
        how = f"DDIM in {settings.steps} steps" if settings.sampler == "ddim" else f"DDPM in all {T:,} steps"
        made = "made when the app was built" if pixel.made_at_build else f"made in {pixel.seconds:.1f} s"
        st.markdown(f"{BATCH} new digits from the static of seed {settings.seed}, by {how} ({made}). "
                    "Press **▶ Play** to watch them come out of it.")
