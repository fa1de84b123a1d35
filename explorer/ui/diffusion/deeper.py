"""The Diffusion page's "Go deeper": how a digit is noised, how the network removes the noise, the same sampler on
a VAE's codes and why that is faster, and how digit-like the samples are."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import streamlit as st

from explorer.core.data import PIXELS, DigitData
from explorer.core.glossary import term
from explorer.core.schedulers import SCHEDULES, T
from explorer.models.digit_judge import JUDGE_GROUP, REAL_ENOUGH, judged
from explorer.models.digit_likeness import DigitLikeness, score_images
from explorer.topics.diffusion.cost import StepCost
from explorer.topics.diffusion.export import forward_gif, reverse_gif, samples_png
from explorer.topics.diffusion.judged import confidence_words, quality_words
from explorer.topics.diffusion.logic import (
    BATCH,
    SIGNAL_ALMOST_GONE,
    LatentRun,
    PixelRun,
    ReverseFrames,
    fade_step,
    forward_frames,
)
from explorer.ui.diffusion import keys
from explorer.ui.diffusion.loaders import (
    DiffusionNetworks,
    denoiser_step_costs,
    forward_chart,
    latent_chart,
    quality_chart,
    step_times,
)
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.export import download_gif_button, download_png_button
from explorer.ui.shared.judge_ladder import show_judge_ladder
from explorer.ui.shared.lesson_link import presenting
from explorer.ui.shared.resources import classifier_on_static, digit_judge, pretrained_store
from explorer.ui.shared.style import show_ready
from explorer.ui.shared.view_link import ViewLink

SD_IMAGE_SHAPE, SD_LATENT_SHAPE = (512, 512, 3), (64, 64, 4)  # Stable Diffusion's image and its latent
SD_IMAGE, SD_LATENT = (" × ".join(map(str, shape)) for shape in (SD_IMAGE_SHAPE, SD_LATENT_SHAPE))


def show_forward(data: DigitData, view: ViewLink) -> None:
    """How a digit is noised step by step: it needs no network, so it shows even without the shipped ones."""
    st.markdown("#### Forward: how a digit is turned into static")
    st.markdown(
        "A diffusion model learns to make images by learning to **undo noise**. To train it, digits are "
        f"destroyed on purpose, a little Gaussian noise at each of {T:,} steps, until only static is left. Press "
        "**▶ Play** above the figure (or drag its slider): the animation runs in your browser."
    )
    forward_controls = st.columns([1, 1, 2])
    image_index = view.control(
        forward_controls[0].number_input,
        "Test image", min_value=0, max_value=len(data.test_images) - 1, value=0, step=1, key=keys.IMAGE,
        help=f"Any of the {len(data.test_images)} bundled test digits.")
    schedule = view.control(
        forward_controls[1].radio,
        "Noise schedule", SCHEDULES, horizontal=True, key=keys.SCHEDULE,
        help="How fast the image fades: linear (the original DDPM) or cosine (fades more evenly). It changes "
             "this picture only: the samplers always use the schedule their networks were trained with.")
    frames = forward_frames(data.test_images[image_index], schedule)
    show_ready(forward_chart(image_index, schedule, presenting(), frames), key=keys.FORWARD_CHART)
    download_gif_button(keys.FORWARD_GIF, (image_index, schedule), lambda: forward_gif(frames),
                        f"diffusion_forward_{image_index}_{schedule}.gif", help="The noising above as a GIF.")
    st.markdown(
        "Every step shrinks the image a little and adds a little noise. Diffusion works on pixel values rescaled "
        "from 0 to 1 into **−1 to 1** (black −1, white 1), so that the picture, like the noise, is centred on 0. "
        "Steps compose, so any x_t can be drawn from the clean image x_0 in **one jump**:"
    )
    st.latex(r"x_t = \sqrt{\bar\alpha_t}\,x_0 + \sqrt{1-\bar\alpha_t}\,\varepsilon,"
             r"\qquad \varepsilon\sim\mathcal N(0, I)")
    fades = {name: fade_step(name) for name in SCHEDULES}
    st.markdown(
        "Here ᾱ_t is the share of the original *variance* still left at step t. The blue curve √ᾱ_t is how "
        "much of the digit remains, the orange √(1−ᾱ_t) how much noise; their squares always add to one. By the "
        f"last step the pixel histogram (grey) sits on the bell curve of {term('N(0, I)', 'N(0, 1)')}: the digit "
        "is gone. With the linear "
        f"schedule less than {SIGNAL_ALMOST_GONE:.0%} of the digit is left from step {fades['linear']:,} on, so the "
        f"last {T - fades['linear']:,} steps are spent on almost pure noise; the cosine schedule keeps more of the "
        f"digit for longer and gets there only at step {fades['cosine']:,}."
    )


def show_reverse(networks: DiffusionNetworks, training_images: int, settings: PixelRun, pixel: ReverseFrames) -> None:
    st.markdown("#### Reverse: how the network removes the noise")
    st.markdown(
        f"A small **U-Net** (a network of {term('conv', 'convolutions')} shaped like a U: it shrinks the picture "
        "step by step to see its overall shape, then grows it back to full size, with shortcuts that carry the fine "
        "detail across) "
        f"was trained on the {training_images:,} bundled training digits with one job: given a noisy x_t "
        f"and the step t, **predict the noise {term('ε')}** that was mixed in. Knowing ε, the forward formula can "
        "be solved for a guess of the clean x_0 (the right panel at the top of the page). The sampler then moves x_t a "
        "little towards that guess and, for DDPM, adds back a little fresh noise, one step at a time. It always "
        f"uses the **{networks.info['schedule']}** schedule the U-Net was trained with, whichever you pick for the "
        "forward picture: a network only knows how to undo noise that was added the way it saw in training."
    )
    gif, png = st.columns(2)
    with gif:
        download_gif_button(keys.REVERSE_GIF, settings, lambda: reverse_gif(pixel), "diffusion_reverse.gif",
                            help="The 16 samples at the top of the page, from static to digits, as a GIF.")
    with png:
        download_png_button(keys.SAMPLES_PNG, settings, lambda: samples_png(pixel), "diffusion_samples.png")


def show_latent(networks: DiffusionNetworks, latent_settings: LatentRun, latent: ReverseFrames) -> None:
    """The same sampler on the VAE's codes, its samples, and why each of its steps costs so much less."""
    latent_dim = networks.vae.latent_dim
    st.markdown(f"#### Latent diffusion: the same sampler on a VAE's {latent_dim}-number code")
    st.markdown(
        f"Instead of {PIXELS} pixels, diffuse the **{latent_dim}-number code** of a variational autoencoder. "
        "A small **MLP** (a multi-layer perceptron: layers in which every number feeds every number of the next "
        "layer, with no idea of neighbouring pixels) learned to predict the noise in noisy codes; the very same "
        f"DDPM sampler runs all {T:,} steps, and every frame is decoded to pixels by the VAE's decoder only for "
        "showing it. This is Stable Diffusion's trick. Even the starting noise decodes to a digit-like shape, "
        "because this decoder only ever learned to draw digits; the network's guess of the clean code jumps about "
        "at first and settles as the noise is removed."
    )
    show_ready(latent_chart(latent_settings, presenting(), latent), key=keys.LATENT_CHART)
    times = step_times(networks)
    timing = st.columns(3)
    for column, name, ms, steps, digits in ((timing[0], "Pixel U-Net", times.pixel_ms, times.pixel_steps, 1),
                                            (timing[1], "Latent MLP", times.latent_ms, times.latent_steps, 2)):
        column.metric(f"{name}: time per step", f"{ms:.{digits}f} ms",
                      help=f"One step for {BATCH} images: the average of {steps} DDIM steps, timed once on "
                           "this server.")
    measured = times.pixel_ms / times.latent_ms
    timing[2].metric("Latent is faster by", f"{measured:.0f}×")
    with report_pretrained_error(stop=False):
        pixel_cost, latent_cost = denoiser_step_costs()
        why_latent_is_faster(pixel_cost, latent_cost, measured)


def why_latent_is_faster(pixel_cost: StepCost, latent_cost: StepCost, measured: float) -> None:
    """The work each step does in either network, as the build counted it, beside the speed-up `measured` here."""
    work = pixel_cost.multiply_adds / latent_cost.multiply_adds
    st.markdown(
        "**Why latent diffusion is faster.** The network runs once per step, so its work is the price of every "
        f"step. It is not the number of weights: the U-Net has {pixel_cost.parameters:,}, only "
        f"{pixel_cost.parameters / latent_cost.parameters:.1f} times the MLP's {latent_cost.parameters:,}. It is "
        "how often each weight is used. A convolution slides its small filters over every position of the picture, "
        f"so the U-Net uses each weight about {pixel_cost.uses_per_weight:.0f} times per image: "
        f"{pixel_cost.multiply_adds / 1e6:.0f} million multiply-adds per image per step. The MLP uses each weight "
        f"about once, {latent_cost.multiply_adds / 1e3:.0f} thousand multiply-adds: {work:.0f} times less work. "
        + (f"The times measured above differ by less ({measured:.0f}×), because a network this small spends much "
           "of each step on fixed costs rather than arithmetic. " if measured < work else "")
        + f"The VAE's decoder runs once, at the end. Stable Diffusion does the same with a {SD_LATENT} latent "
        f"instead of a {SD_IMAGE} image: {math.prod(SD_IMAGE_SHAPE) / math.prod(SD_LATENT_SHAPE):.0f} times fewer "
        "numbers per step."
    )


def show_quality(networks: DiffusionNetworks, live_pixel: DigitLikeness, latent: ReverseFrames,
                 pixel_samples: np.ndarray) -> None:
    """The digit judge's verdict on the samples: measured at build time, and on this page's samples now."""
    st.markdown("#### How digit-like are the samples?")
    with report_pretrained_error(stop=False):
        group = pretrained_store().group(JUDGE_GROUP)
        ladder = judged(group["ladder"])
        quality = judged(group["pages"]["diffusion"]) | {
            "real": replace(ladder["real"], method="Real held-out digits (the ceiling)")}
        judge = digit_judge()
        live_pixel_real = int((judge.realism(pixel_samples) >= REAL_ENOUGH).sum())
        live_latent_real = int((judge.realism(latent.samples) >= REAL_ENOUGH).sum())
        live_latent = score_images(networks.classifier, latent.samples)
        left, right = st.columns([3, 2])
        with left:
            show_ready(quality_chart(presenting(), quality), key=keys.QUALITY_CHART)
        with right:
            st.markdown(quality_words(quality, networks.classifier_accuracy))
            st.markdown(confidence_words(ladder, classifier_on_static().mean_confidence))
            st.markdown(
                f"**Judged now:** of the {BATCH} pixel samples at the top of the page, the judge calls "
                f"**{live_pixel_real}** real (the classifier's confidence in them {live_pixel.mean_confidence:.2f}); "
                f"of the {BATCH} latent samples, **{live_latent_real}** ({live_latent.mean_confidence:.2f})."
            )
        show_judge_ladder()
