"""Inside the VAE's shared resources (st.cache_resource, read-only): the k = 2 conv VAE of the Latent map page,
its shipped codes of the test digits, and their posteriors, encoded once per server."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from explorer.checkpoints.store import PretrainedFileError
from explorer.models.gaussian import GaussianVAE
from explorer.topics.vae_posterior.logic import encode_posteriors
from explorer.topics.vae_posterior.measures import random_pair_difference
from explorer.ui.shared.resources import bundled_data, pretrained_model, shipped_latent_codes, shipped_vae_name


@dataclass(frozen=True)
class TestPosteriors:
    dots: np.ndarray  # N x 2, where the test digits sit on the plane: the shipped codes (mu) of the test split
    means: np.ndarray  # N x 2, mu, encoded here
    logvars: np.ndarray  # N x 2, log sigma^2, encoded here (the shipped codes hold only mu)
    labels: np.ndarray  # N
    replaced: PretrainedFileError | None  # the shipped codes could not be used: the dots are the encoded mu


def vae_name() -> str:
    """The shipped k = 2 conv VAE (raises PretrainedFileError when the manifest lacks it)."""
    return shipped_vae_name(2)


def vae() -> GaussianVAE:
    return pretrained_model(vae_name())


@st.cache_resource(show_spinner="Encoding the 1,000 test digits…")
def test_posteriors() -> TestPosteriors:
    data = bundled_data()
    means, logvars = encode_posteriors(vae(), data.test_images)
    try:
        dots, replaced = shipped_latent_codes(vae_name())[0][len(data.train_images):], None  # codes: train, then test
    except PretrainedFileError as error:
        dots, replaced = means, error
    return TestPosteriors(dots, means, logvars, data.test_labels, replaced)


@st.cache_resource(show_spinner=False)
def pair_difference() -> float:
    """The yardstick for "decode alike": two random test digits' decodes' median MSE."""
    return random_pair_difference(vae(), test_posteriors().means)
