"""The Diffusion page's shared resources (st.cache_resource, read-only): its denoisers' costs and step times,
and the default samples shipped with the app."""

from __future__ import annotations

import streamlit as st

from explorer.topics.diffusion.cost import StepCost, latent_step_cost, pixel_step_cost
from explorer.topics.diffusion.logic import StepTimes, time_steps
from explorer.topics.diffusion.shipped import Shipped, load_shipped_samples
from explorer.ui.shared.resources import pretrained_model, pretrained_store


@st.cache_resource(show_spinner=False)
def denoiser_step_costs(unet_name: str, latent_denoiser_name: str) -> tuple[StepCost, StepCost]:
    """Weights and multiply-adds per step of the Diffusion page's two shipped denoisers, counted once."""
    return (pixel_step_cost(pretrained_model(unet_name)),
            latent_step_cost(pretrained_model(latent_denoiser_name)))


@st.cache_resource(show_spinner="Timing a few steps of each denoiser…")
def denoiser_step_times(unet_name: str, latent_denoiser_name: str, vae_name: str, schedule: str) -> StepTimes:
    """How long a sampling step takes each of the Diffusion page's networks on this server, measured once."""
    return time_steps(pretrained_model(unet_name), pretrained_model(latent_denoiser_name), pretrained_model(vae_name),
                      schedule)


@st.cache_resource(show_spinner=False)
def shipped_diffusion_samples() -> Shipped:
    """The Diffusion page's default samples, made when the app was built (none if they do not fit the networks)."""
    return load_shipped_samples(pretrained_store())
