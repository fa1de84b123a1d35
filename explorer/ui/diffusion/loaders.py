"""The Diffusion page's resources: its shipped networks, their samples (made once per server, st.cache_resource
and the shared results, read-only), its denoisers' costs and step times, the default samples shipped with
the app, and its animated charts, built once per setting for every session (a second of work each)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import streamlit as st

from explorer.core.schedulers import T
from explorer.models import ConvVAE, DigitClassifier, LatentDenoiser, UNet
from explorer.topics.diffusion import logic
from explorer.topics.diffusion.cost import StepCost, shipped_step_costs
from explorer.topics.diffusion.figures import LATENT_TITLES, forward_figure, quality_figure, reverse_figure
from explorer.topics.diffusion.logic import (
    ForwardFrames,
    LatentRun,
    PixelRun,
    ReverseFrames,
    StepTimes,
    sampling_steps,
    time_steps,
)
from explorer.topics.diffusion.shipped import Shipped, load_shipped_samples
from explorer.ui.server.shared_results import shared_run
from explorer.ui.shared.resources import digit_classifier, pretrained_model, pretrained_store
from explorer.ui.shared.style import ReadyChart, ready_chart


@dataclass(frozen=True)
class DiffusionNetworks:
    info: dict[str, Any]  # the diffusion group of the manifest: the networks' names, schedule and quality scores
    unet: UNet
    vae: ConvVAE
    latent_denoiser: LatentDenoiser
    classifier: DigitClassifier
    classifier_accuracy: float  # on the bundled test split


def diffusion_networks() -> DiffusionNetworks:
    """The shipped networks of the page (a PretrainedFileError names the first one missing)."""
    store = pretrained_store()
    group = store.group("diffusion")
    unet = pretrained_model(group["unet"])
    vae = pretrained_model(group["vae"])
    latent_denoiser = pretrained_model(group["latent_denoiser"])
    classifier = digit_classifier()
    return DiffusionNetworks(group, unet, vae, latent_denoiser, classifier,
                             store.model_info(group["classifier"])["metrics"]["test_accuracy"])


PIXEL_JOB, LATENT_JOB = "diffusion_pixel", "diffusion_latent"  # their names on the work line and in the store


# The samplers are looked up on `logic` at each call (not imported by name), so that a test can count the runs.
def pixel_samples(networks: DiffusionNetworks, settings: PixelRun, test_images: np.ndarray) -> ReverseFrames:
    """The U-Net's samples for these settings: shipped, made by this server before, or made now."""
    return shared_run(
        PIXEL_JOB, settings, "Denoising in pixel space",
        lambda on_step: logic.run_pixels(networks.unet, networks.info["schedule"], settings, test_images,
                                         on_step=on_step),
        steps=sampling_steps(settings), step_seconds=step_times(networks).pixel_ms / 1000,
        shipped=shipped_diffusion_samples().get(settings),
    )


def latent_samples(networks: DiffusionNetworks, settings: LatentRun) -> ReverseFrames:
    """The latent MLP's samples, decoded by the VAE: shipped, made by this server before, or made now."""
    return shared_run(
        LATENT_JOB, settings, "Denoising in latent space",
        lambda on_step: logic.run_latents(networks.latent_denoiser, networks.vae, networks.info["schedule"],
                                          settings, on_step=on_step),
        steps=T, step_seconds=step_times(networks).latent_ms / 1000,
        shipped=shipped_diffusion_samples().get(settings),
    )


def step_times(networks: DiffusionNetworks) -> StepTimes:
    info = networks.info
    return denoiser_step_times(info["unet"], info["latent_denoiser"], info["vae"], info["schedule"])


def denoiser_step_costs() -> tuple[StepCost, StepCost]:
    """Weights and multiply-adds per step of the Diffusion page's two shipped denoisers, as the build counted them
    (a PretrainedFileError, naming the command that counts them, when it did not)."""
    return shipped_step_costs(pretrained_store())


@st.cache_resource(show_spinner="Timing a few steps of each denoiser…")
def denoiser_step_times(unet_name: str, latent_denoiser_name: str, vae_name: str, schedule: str) -> StepTimes:
    """How long a sampling step takes each of the Diffusion page's networks on this server, measured once."""
    return time_steps(pretrained_model(unet_name), pretrained_model(latent_denoiser_name), pretrained_model(vae_name),
                      schedule)


@st.cache_resource(show_spinner=False)
def shipped_diffusion_samples() -> Shipped:
    """The Diffusion page's default samples, made when the app was built (none if they do not fit the networks)."""
    return load_shipped_samples(pretrained_store())


# Each chart is keyed by what decides it; the argument with a leading underscore is not hashed, as those decide it.
# An animated chart holds a few MB (every frame's pictures): a handful of settings are kept, the shipped ones first
# among them as every student opens the page on those.
@st.cache_resource(max_entries=4, show_spinner=False)
def forward_chart(image_index: int, schedule: str, presenter: bool, _frames: ForwardFrames) -> ReadyChart:
    """The noising of test digit `image_index` under `schedule` (`_frames`: its forward frames)."""
    return ready_chart(forward_figure(_frames), presenter=presenter)


@st.cache_resource(max_entries=4, show_spinner=False)
def pixel_chart(settings: PixelRun, presenter: bool, _pixel: ReverseFrames) -> ReadyChart:
    """The U-Net's samples at these settings coming out of the static (`_pixel`: pixel_samples at `settings`)."""
    return ready_chart(reverse_figure(_pixel), presenter=presenter)


@st.cache_resource(max_entries=4, show_spinner=False)
def latent_chart(settings: LatentRun, presenter: bool, _latent: ReverseFrames) -> ReadyChart:
    """The latent sampler's run at these settings, decoded (`_latent`: latent_samples at `settings`)."""
    return ready_chart(reverse_figure(_latent, titles=LATENT_TITLES), presenter=presenter)


@st.cache_resource(max_entries=2, show_spinner=False)
def quality_chart(presenter: bool, _quality: dict) -> ReadyChart:
    """The digit judge's verdict on each way of sampling, from the shipped build (`_quality`: read from it)."""
    return ready_chart(quality_figure(_quality), presenter=presenter)
