"""Diffusion: a trained network walks static back to digits; below, how the noise is added, the same in a
VAE's codes, and how digit-like the samples are."""

import math

import numpy as np
import streamlit as st

from explorer.core.data import PIXELS
from explorer.core.schedulers import SCHEDULES, T
from explorer.models.digit_likeness import DigitLikeness, score_images
from explorer.topics.diffusion.export import forward_gif, reverse_gif, samples_png
from explorer.topics.diffusion.figures import LATENT_TITLES, forward_figure, quality_figure, reverse_figure
from explorer.topics.diffusion.logic import (
    BATCH,
    SAMPLER_HELP,
    SAMPLERS,
    SIGNAL_ALMOST_GONE,
    LatentRun,
    PixelRun,
    fade_step,
    forward_frames,
    run_latents,
    run_pixels,
)
from explorer.ui.diffusion.loaders import denoiser_step_costs, denoiser_step_times, shipped_diffusion_samples
from explorer.ui.diffusion.predictions import diffusion_prediction
from explorer.ui.server.shared_results import shared_run
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.export import download_gif_button, download_png_button
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import (
    bundled_data,
    classifier_on_static,
    digit_classifier,
    pretrained_model,
    pretrained_store,
)
from explorer.ui.shared.shortcuts import play_key
from explorer.ui.shared.style import show_figure
from explorer.ui.shared.view_link import ViewLink, ViewParam

PAGE = "app_pages/diffusion.py"
DDIM_STEPS = [10, 20, 25, 50, 100, 200]
START_STEPS = list(range(50, 951, 50))  # the "Noised to step t" slider's stops
DEFAULT = PixelRun()  # the controls' defaults: their samples are shipped with the app
SD_IMAGE_SHAPE, SD_LATENT_SHAPE = (512, 512, 3), (64, 64, 4)  # Stable Diffusion's image and its latent
SD_IMAGE, SD_LATENT = (" × ".join(map(str, shape)) for shape in (SD_IMAGE_SHAPE, SD_LATENT_SHAPE))


def forward_section(data, view: ViewLink) -> None:
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
        "Test image", min_value=0, max_value=len(data.test_images) - 1, value=0, step=1, key="diffusion_image",
        help=f"Any of the {len(data.test_images)} bundled test digits.")
    schedule = view.control(
        forward_controls[1].radio,
        "Noise schedule", SCHEDULES, horizontal=True, key="diffusion_schedule",
        help="How fast the image fades: linear (the original DDPM) or cosine (fades more evenly). It changes "
             "this picture only: the samplers always use the schedule their networks were trained with.")
    frames = forward_frames(data.test_images[image_index], schedule)
    show_figure(forward_figure(frames), key="diffusion_forward")
    download_gif_button("diffusion_forward", (image_index, schedule), lambda: forward_gif(frames),
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
        "last step the pixel histogram (grey) sits on the bell curve of N(0, 1): the digit is gone. With the linear "
        f"schedule less than {SIGNAL_ALMOST_GONE:.0%} of the digit is left from step {fades['linear']:,} on, so the "
        f"last {T - fades['linear']:,} steps are spent on almost pure noise; the cosine schedule keeps more of the "
        f"digit for longer and gets there only at step {fades['cosine']:,}."
    )


page_header("🌫️ Diffusion", "How can a network turn pure static into a digit, one small denoising step at a time?")
predict_first(diffusion_prediction)
data = bundled_data()
last_image = len(data.test_images) - 1
view = ViewLink(PAGE)
view.restore(ViewParam("sampler", "diffusion_sampler", options=list(SAMPLERS)),
             ViewParam("steps", "diffusion_steps", int, options=DDIM_STEPS),
             ViewParam("seed", "diffusion_seed", int, low=0, high=100_000),
             ViewParam("from_image", "diffusion_from_image", bool),
             ViewParam("start_image", "diffusion_start_image", int, low=0, high=last_image),
             ViewParam("start_step", "diffusion_start_step", int, options=START_STEPS),
             ViewParam("schedule", "diffusion_schedule", options=SCHEDULES),
             ViewParam("image", "diffusion_image", int, low=0, high=last_image))

# The shipped networks: without them the page still shows how noise is added (under "Go deeper").
info = None
with report_pretrained_error(stop=False):
    store = pretrained_store()
    group = store.group("diffusion")
    unet = pretrained_model(group["unet"])
    vae = pretrained_model(group["vae"])
    latent_denoiser = pretrained_model(group["latent_denoiser"])
    classifier = digit_classifier()
    info = group

if info is not None:
    controls = st.columns([3.1, 1.9, 1.2, 2.6, 1.2, 2.0])
    sampler = view.control(controls[0].radio, "Sampler", list(SAMPLERS), index=list(SAMPLERS).index(DEFAULT.sampler),
                           format_func=SAMPLERS.get, key="diffusion_sampler", help=SAMPLER_HELP)
    steps = view.control(controls[1].select_slider, "DDIM steps", options=DDIM_STEPS, value=DEFAULT.steps,
                         key="diffusion_steps", disabled=sampler != "ddim",
                         help="DDIM skips steps: fewer is faster and coarser.")
    seed = view.control(controls[2].number_input, "Seed", min_value=0, max_value=100_000, value=DEFAULT.seed, step=1,
                        key="diffusion_seed",
                        help="The same seed draws the same starting static, so the same samples.")
    from_image = view.control(controls[3].toggle, "From a real digit", key="diffusion_from_image",
                              help="Noise a test digit to step t, then let the network denoise it.")
    start_index = view.control(controls[4].number_input, "Test digit", min_value=0,
                               max_value=len(data.test_images) - 1, value=0, step=1, key="diffusion_start_image",
                               disabled=not from_image,
                               help=f"Any of the {len(data.test_images)} bundled test digits.")
    start_step = view.control(controls[5].slider, "Noised to step t", min_value=50, max_value=950, value=500,
                              step=50, key="diffusion_start_step", disabled=not from_image,
                              help="How much of the digit is destroyed before the network starts.")
    start_step = start_step if from_image else None

    shipped = shipped_diffusion_samples()
    pixel_settings = PixelRun(sampler, steps, seed, start_index if from_image else None, start_step)
    pixel = shared_run(
        "diffusion_pixel", pixel_settings, "Denoising in pixel space",
        lambda on_step: run_pixels(unet, info["schedule"], pixel_settings, data.test_images, on_step=on_step),
        shipped=shipped.get(pixel_settings),
    )
    show_figure(reverse_figure(pixel), key="diffusion_reverse")
    play_key()
    live_pixel = score_images(classifier, pixel.samples)
    if from_image:
        started_as = int(np.argmax(score_images(classifier, data.test_images[start_index]).class_counts))
        st.markdown(
            f"All {BATCH} start from **test digit {start_index}** noised to step {start_step}, each with different "
            "noise. Small t: every one comes back as that digit. Large t: too little survives, and the network "
            f"invents other digits. Here the digit classifier reads **{live_pixel.class_counts[started_as]} of the "
            f"{BATCH}** as a {started_as}, as it reads the digit you started from."
        )
    else:
        how = f"DDIM in {steps} steps" if sampler == "ddim" else f"DDPM in all {T:,} steps"
        made = "made when the app was built" if pixel.made_at_build else f"made in {pixel.seconds:.1f} s"
        st.markdown(f"{BATCH} new digits from the static of seed {seed}, by {how} ({made}). "
                    "Press **▶ Play** to watch them come out of it.")

look_for(
    "Press **▶ Play**. For the first half of the steps x_t on the left still looks like static, yet the "
    "network's guess on the right shows which digit many of them will become hundreds of steps before the "
    "digits come through on the left. Then try another seed, or start from a real digit noised to a small and "
    "to a large t: how much of it survives?"
)

with deeper():
    forward_section(data, view)
    if info is not None:
        st.markdown("#### Reverse: how the network removes the noise")
        st.markdown(
            "A small **U-Net** (a network of convolutions shaped like a U: it shrinks the picture step by step to "
            "see its overall shape, then grows it back to full size, with shortcuts that carry the fine detail across) "
            f"was trained on the {len(data.train_images):,} bundled training digits with one job: given a noisy x_t "
            "and the step t, **predict the noise ε** that was mixed in. Knowing ε, the forward formula can be solved "
            "for a guess of the clean x_0 (the right panel at the top of the page). The sampler then moves x_t a "
            "little towards that guess and, for DDPM, adds back a little fresh noise, one step at a time. It always "
            f"uses the **{info['schedule']}** schedule the U-Net was trained with, whichever you pick for the forward "
            "picture: a network only knows how to undo noise that was added the way it saw in training."
        )
        gif, png = st.columns(2)
        with gif:
            download_gif_button("diffusion_reverse", pixel_settings, lambda: reverse_gif(pixel),
                                "diffusion_reverse.gif",
                                help="The 16 samples at the top of the page, from static to digits, as a GIF.")
        with png:
            download_png_button("diffusion_samples", pixel_settings, lambda: samples_png(pixel),
                                "diffusion_samples.png")

        st.markdown(f"#### Latent diffusion: the same sampler on a VAE's {vae.latent_dim}-number code")
        st.markdown(
            f"Instead of {PIXELS} pixels, diffuse the **{vae.latent_dim}-number code** of a variational autoencoder. "
            "A small **MLP** (a multi-layer perceptron: layers in which every number feeds every number of the next "
            "layer, with no idea of neighbouring pixels) learned to predict the noise in noisy codes; the very same "
            f"DDPM sampler runs all {T:,} steps, and every frame is decoded to pixels by the VAE's decoder only for "
            "showing it. This is Stable Diffusion's trick. Even the starting noise decodes to a digit-like shape, "
            "because this decoder only ever learned to draw digits; the network's guess of the clean code jumps about "
            "at first and settles as the noise is removed."
        )
        latent_settings = LatentRun(seed)
        latent = shared_run(
            "diffusion_latent", latent_settings, "Denoising in latent space",
            lambda on_step: run_latents(latent_denoiser, vae, info["schedule"], latent_settings, on_step=on_step),
            shipped=shipped.get(latent_settings),
        )
        show_figure(reverse_figure(latent, titles=LATENT_TITLES), key="diffusion_latent")
        times = denoiser_step_times(info["unet"], info["latent_denoiser"], info["vae"], info["schedule"])
        timing = st.columns(3)
        for column, name, ms, steps, digits in ((timing[0], "Pixel U-Net", times.pixel_ms, times.pixel_steps, 1),
                                                (timing[1], "Latent MLP", times.latent_ms, times.latent_steps, 2)):
            column.metric(f"{name}: time per step", f"{ms:.{digits}f} ms",
                          help=f"One step for {BATCH} images: the average of {steps} DDIM steps, timed once on "
                               "this server.")
        measured = times.pixel_ms / times.latent_ms
        timing[2].metric("Latent is faster by", f"{measured:.0f}×")
        pixel_cost, latent_cost = denoiser_step_costs(info["unet"], info["latent_denoiser"])
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

        st.markdown("#### How digit-like are the samples?")
        quality = {method: DigitLikeness.from_json(scores) for method, scores in info["quality"].items()}
        live_latent = score_images(classifier, latent.samples)
        static = classifier_on_static()
        left, right = st.columns([3, 2])
        with left:
            show_figure(quality_figure(quality), key="diffusion_quality")
        with right:
            st.markdown(
                f"A small digit classifier, trained on the bundled training split "
                f"(test accuracy {store.model_info(info['classifier'])['metrics']['test_accuracy']:.1%}), judges "
                "the samples. **Confidence**: how sure it is, on average, of its top digit. **Spread**: how evenly "
                "the samples cover the ten digits (1: all equally; 0: always the same one). The bars were measured "
                f"when the models were built; the numbers below score the {BATCH} samples on this page right now."
            )
            st.markdown(
                "**A generous judge.** The classifier must name one of the ten digits for any picture, however "
                "unreadable, and it can be sure of itself when it should not be: pure static, like the first frame of "
                f"the animation at the top, gets an average confidence of **{static.mean_confidence:.2f}**. High "
                "confidence does not prove a sample is a good digit, so look at the samples, not only at the bars."
            )
            st.markdown(
                f"**Scored now:** the {BATCH} pixel samples at the top of the page get a confidence of "
                f"**{live_pixel.mean_confidence:.2f}**, the {BATCH} latent samples "
                f"**{live_latent.mean_confidence:.2f}**."
            )

view.finish()
next_link(PAGE)
