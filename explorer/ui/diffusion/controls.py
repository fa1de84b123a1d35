"""The Diffusion page's controls: the sampler's settings in one row, what sampling costs on this server beside
them, and the link parameters that set them."""

from __future__ import annotations

import streamlit as st

from explorer.core.schedulers import SCHEDULES, T
from explorer.topics.diffusion.logic import BATCH, SAMPLER_HELP, SAMPLERS, PixelRun
from explorer.ui.diffusion import keys
from explorer.ui.diffusion.loaders import PIXEL_JOB, DiffusionNetworks, step_times
from explorer.ui.server.work_line import duration, line_now, work_line
from explorer.ui.shared.view_link import ViewLink, ViewParam

DDIM_STEPS = [10, 20, 25, 50, 100, 200]
START_STEPS = list(range(50, 951, 50))  # the "Noised to step t" slider's stops
DEFAULT = PixelRun()  # the controls' defaults: their samples are shipped with the app


def link_params(images: int) -> list[ViewParam]:
    """The page's settings in a view link, for `images` bundled test digits."""
    last = images - 1
    return [ViewParam("sampler", keys.SAMPLER, options=list(SAMPLERS)),
            ViewParam("steps", keys.STEPS, int, options=DDIM_STEPS),
            ViewParam("seed", keys.SEED, int, low=0, high=100_000),
            ViewParam("from_image", keys.FROM_IMAGE, bool),
            ViewParam("start_image", keys.START_IMAGE, int, low=0, high=last),
            ViewParam("start_step", keys.START_STEP, int, options=START_STEPS),
            ViewParam("schedule", keys.SCHEDULE, options=SCHEDULES),
            ViewParam("image", keys.IMAGE, int, low=0, high=last)]


def sampler_controls(view: ViewLink, images: int) -> PixelRun:
    """The row of sampler settings above the samples; what they ask for."""
    controls = st.columns([3.1, 1.9, 1.2, 2.6, 1.2, 2.0])
    sampler = view.control(controls[0].radio, "Sampler", list(SAMPLERS), index=list(SAMPLERS).index(DEFAULT.sampler),
                           format_func=SAMPLERS.get, key=keys.SAMPLER, help=SAMPLER_HELP)
    steps = view.control(controls[1].select_slider, "DDIM steps", options=DDIM_STEPS, value=DEFAULT.steps,
                         key=keys.STEPS, disabled=sampler != "ddim",
                         help="DDIM skips steps: fewer is faster and coarser.")
    seed = view.control(controls[2].number_input, "Seed", min_value=0, max_value=100_000, value=DEFAULT.seed, step=1,
                        key=keys.SEED, help="The same seed draws the same starting static, so the same samples.")
    from_image = view.control(controls[3].toggle, "From a real digit", key=keys.FROM_IMAGE,
                              help="Noise a test digit to step t, then let the network denoise it.")
    start_index = view.control(controls[4].number_input, "Test digit", min_value=0, max_value=images - 1, value=0,
                               step=1, key=keys.START_IMAGE, disabled=not from_image,
                               help=f"Any of the {images} bundled test digits.")
    start_step = view.control(controls[5].slider, "Noised to step t", min_value=50, max_value=950, value=500,
                              step=50, key=keys.START_STEP, disabled=not from_image,
                              help="How much of the digit is destroyed before the network starts.")
    return PixelRun(sampler, steps, seed, start_index if from_image else None, start_step if from_image else None)


def show_sampling_cost(networks: DiffusionNetworks, settings: PixelRun) -> None:
    """Before a student picks a sampler: what each costs on this server now, from a step's time measured here
    (by the last sampling run, else by timing a few steps once), and how busy the line of heavy work is."""
    line = work_line()
    step = line.step_seconds(PIXEL_JOB, guess=step_times(networks).pixel_ms / 1000)
    st.caption(f"A new setting takes DDPM {duration(step * T)}, DDIM's {settings.steps} steps "
               f"{duration(step * settings.steps)} · {line_now(line)}.",
               help=f"From the time one step of the U-Net on {BATCH} digits takes on this server, "
                    f"{step * 1000:.0f} ms, measured here; DDPM takes all {T:,} steps.")
