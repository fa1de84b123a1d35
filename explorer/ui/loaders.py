"""Read-only resources shared by every session (st.cache_resource): never mutate them."""

from __future__ import annotations

import threading
from dataclasses import replace

import numpy as np
import streamlit as st
from torch import nn

from explorer.checkpoints.store import PretrainedStore
from explorer.core.data import DigitData, LoadResult, load_bundled_mnist, load_dataset
from explorer.core.pca import PCABasis
from explorer.models.base import Autoencoder
from explorer.models.digit_likeness import DigitLikeness, score_images
from explorer.models.inference import embed, per_image_mse, reconstruct
from explorer.topics.anomaly.logic import roc
from explorer.topics.denoising.logic import denoise_every_setting
from explorer.topics.diffusion.cost import StepCost, latent_step_cost, pixel_step_cost
from explorer.topics.diffusion.logic import StepTimes, static_pixels, time_steps
from explorer.topics.diffusion.shipped_samples import Shipped, load_shipped_samples
from explorer.topics.loss_balance.evidence import GalleryEvidence, measure_runs
from explorer.topics.loss_balance.references import ReferenceRun, load_reference_runs
from explorer.topics.loss_balance.run import live_subset, warm_up_training
from explorer.training.live import TRAINING_THREAD
from explorer.training.slots import TrainingSlots, default_capacity

STATIC_SCORED = 256  # pictures of pure static shown to the classifier


@st.cache_resource(show_spinner=False)
def pretrained_store() -> PretrainedStore:
    return PretrainedStore()


@st.cache_resource(show_spinner="Loading a shipped model…")
def pretrained_model(name: str) -> Autoencoder:
    return pretrained_store().load_model(name)


def digit_classifier() -> nn.Module:
    """The shipped digit classifier (built with the diffusion group): the judge of how digit-like images are."""
    return pretrained_model(pretrained_store().group("diffusion")["classifier"])


@st.cache_resource(show_spinner=False)
def pca_basis() -> PCABasis:
    store = pretrained_store()
    arrays = store.load_arrays(store.group("bottleneck")["pca"]["file"])
    return PCABasis(arrays["mean"], arrays["components"], arrays["explained_variance"])


@st.cache_resource(show_spinner="Reading the bundled MNIST-5k digits…")
def bundled_data() -> DigitData:
    return load_bundled_mnist()


@st.cache_resource(show_spinner="Scoring every test image…")
def errors_on_test_split(model_name: str) -> np.ndarray:
    """Per-image reconstruction MSE of a shipped model over the whole bundled test split."""
    images = bundled_data().test_images
    return per_image_mse(images, reconstruct(pretrained_model(model_name), images))


@st.cache_resource(show_spinner="Encoding every test image…")
def codes_of_test_split(model_name: str) -> np.ndarray:
    """A shipped model's codes of the whole bundled test split: where a student's digit is compared."""
    return embed(pretrained_model(model_name), bundled_data().test_images)


@st.cache_resource(show_spinner=False)
def training_slots(device_type: str) -> TrainingSlots:
    """The one line of live training runs that every session of this server shares."""
    return TrainingSlots(default_capacity(device_type))


@st.cache_resource(show_spinner="Reading the shipped β runs…")
def reference_runs() -> list[ReferenceRun]:
    """The Loss-balance page's shipped runs, smallest β first."""
    return load_reference_runs(pretrained_store())


@st.cache_resource(show_spinner="Scoring the shipped β runs with the digit classifier…")
def reference_evidence() -> GalleryEvidence:
    """What each shipped β run shows, measured once per server (a second or two on 2 cores)."""
    runs, data = reference_runs(), bundled_data()
    models = [pretrained_store().load_model(run.name) for run in runs]  # not kept: only the numbers are
    return measure_runs(runs, models, digit_classifier(), data.test_images, data.test_labels)


@st.cache_resource(show_spinner="Loading a data set…")
def live_dataset(name: str) -> LoadResult:
    """A data set for live training (cut to a few thousand images), and a notice if it fell back."""
    result = load_dataset(name)
    return replace(result, data=live_subset(result.data))


@st.cache_resource(show_spinner=False)
def live_training_warm_up() -> threading.Thread:
    """Once per server, in the background: one-off torch set-up that the first run would pay."""
    thread = threading.Thread(target=warm_up_training, name=f"{TRAINING_THREAD}-warm-up", daemon=True)
    thread.start()
    return thread


def anomaly_test_errors() -> dict[str, np.ndarray]:
    """Each anomaly model's reconstruction error on every test image, and the test labels."""
    store = pretrained_store()
    return store.load_arrays(store.group("anomaly")["errors"])


@st.cache_resource(show_spinner=False)
def anomaly_aucs() -> dict[int, float]:
    """Each shipped anomaly model's ROC AUC on the test split, by the digit it never saw: the page compares
    all of them on every rerun."""
    arrays = anomaly_test_errors()
    return {int(digit): roc(arrays[name], arrays["labels"] == int(digit)).auc
            for digit, name in pretrained_store().group("anomaly")["models"].items()}


@st.cache_resource(show_spinner="Adding every kind and level of noise…")
def denoised_test_digits(plain_name: str, dae_name: str, indices: tuple[int, ...], levels: tuple[float, ...]):
    """The Denoising page's test digits under every noise setting, through both shipped models."""
    return denoise_every_setting(pretrained_model(plain_name), pretrained_model(dae_name),
                                 bundled_data().test_images[list(indices)], list(levels))


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


@st.cache_resource(show_spinner=False)
def classifier_on_static() -> DigitLikeness:
    """The digit classifier's verdict on pure static: how generous a judge it is."""
    return score_images(digit_classifier(), static_pixels(STATIC_SCORED))
