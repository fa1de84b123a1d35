"""Each page's prediction, measured from the shipped models and manifest once per server (st.cache_resource:
the same for every session, never mutated). Each raises PretrainedFileError when a file it needs is unusable."""

from __future__ import annotations

import streamlit as st

from explorer.checkpoints.store import MANIFEST_NAME, PretrainedFileError
from explorer.core.prediction import Prediction
from explorer.models.digit_likeness import reads_right
from explorer.models.inference import reconstruct
from explorer.models.vq_vae import GRID
from explorer.topics.anomaly.predictions import hardest_prediction
from explorer.topics.bottleneck.predictions import LARGE_K, SMALL_K, read_right_by_digit, survival_prediction
from explorer.topics.denoising.logic import PsnrCurves
from explorer.topics.denoising.predictions import plain_cleans_prediction
from explorer.topics.diffusion.predictions import step_cost_prediction
from explorer.topics.home.predictions import readable_prediction
from explorer.topics.inside_network.predictions import shift_prediction
from explorer.topics.latent_map.predictions import random_codes_prediction
from explorer.topics.loss_balance.predictions import active_prediction
from explorer.topics.shapes.predictions import mig_prediction
from explorer.topics.sparse_codes.predictions import units_on_prediction
from explorer.topics.vae_posterior.predictions import costliest_prediction
from explorer.topics.vqvae.predictions import unused_prediction
from explorer.ui.loaders import (
    anomaly_aucs,
    anomaly_test_errors,
    bundled_data,
    denoiser_step_costs,
    digit_classifier,
    pretrained_model,
    pretrained_store,
    reference_runs,
)
from explorer.ui.shapes_loaders import shapes_runs
from explorer.ui.sparse_loaders import measured, sparse_runs
from explorer.ui.vae_posterior_loaders import test_posteriors
from explorer.ui.vqvae_loaders import codebook, vqvae_group

MEASURING = "Measuring the answer to this page's question…"


def test_reconstructions_read(model_name: str):
    """Per test digit: does the digit classifier read the model's reconstruction right?"""
    data = bundled_data()
    return reads_right(digit_classifier(), reconstruct(pretrained_model(model_name), data.test_images),
                       data.test_labels)


@st.cache_resource(show_spinner=MEASURING)
def home_prediction(model_name: str) -> Prediction:
    data = bundled_data()
    originals = reads_right(digit_classifier(), data.test_images, data.test_labels)
    return readable_prediction(pretrained_model(model_name).latent_dim,
                               float(test_reconstructions_read(model_name).mean()), float(originals.mean()))


@st.cache_resource(show_spinner=MEASURING)
def bottleneck_prediction() -> Prediction:
    models = pretrained_store().group("bottleneck")["ae_models"]
    small, large = (read_right_by_digit(test_reconstructions_read(models[str(k)]), bundled_data().test_labels)
                    for k in (SMALL_K, LARGE_K))
    return survival_prediction(small, large)


@st.cache_resource(show_spinner=MEASURING)
def latent_map_prediction() -> Prediction:
    store = pretrained_store()
    likeness = store.group("latent_map").get("digit_likeness")
    if likeness is None:
        raise PretrainedFileError(store.root / MANIFEST_NAME, "the latent_map group holds no digit-likeness scores "
                                  "(a build older than the page)",
                                  rebuild="python scripts/train_pretrained.py --only latent_map")
    code_size = max((size for size in likeness if size.isdigit()), key=int)  # the page opens on its larger code
    return random_codes_prediction(likeness[code_size], int(code_size))


@st.cache_resource(show_spinner=MEASURING)
def denoising_prediction() -> Prediction:
    return plain_cleans_prediction(PsnrCurves.from_json(pretrained_store().group("denoising")["psnr_curves"]))


@st.cache_resource(show_spinner=MEASURING)
def anomaly_prediction() -> Prediction:
    arrays, models = anomaly_test_errors(), pretrained_store().group("anomaly")["models"]
    return hardest_prediction(anomaly_aucs(), {int(digit): arrays[name] for digit, name in models.items()},
                              arrays["labels"])


@st.cache_resource(show_spinner=MEASURING)
def loss_balance_prediction() -> Prediction:
    return active_prediction(reference_runs())


@st.cache_resource(show_spinner=MEASURING)
def diffusion_prediction() -> Prediction:
    group = pretrained_store().group("diffusion")
    return step_cost_prediction(*denoiser_step_costs(group["unet"], group["latent_denoiser"]))


@st.cache_resource(show_spinner=MEASURING)
def vqvae_prediction() -> Prediction:
    return unused_prediction(codebook(vqvae_group()["model"]).usage, GRID * GRID)


@st.cache_resource(show_spinner=MEASURING)
def sparse_codes_prediction() -> Prediction:
    runs = sparse_runs()
    return units_on_prediction([run.strength for run in runs], [measured(run.name) for run in runs])


@st.cache_resource(show_spinner=MEASURING)
def inside_network_prediction() -> Prediction:
    return shift_prediction(pretrained_store().group("inside_network")["shift_curve"])


@st.cache_resource(show_spinner=MEASURING)
def vae_posterior_prediction() -> Prediction:
    found = test_posteriors()
    return costliest_prediction(found.means, found.logvars, found.labels)


@st.cache_resource(show_spinner=MEASURING)
def shapes_prediction() -> Prediction:
    return mig_prediction(shapes_runs())
