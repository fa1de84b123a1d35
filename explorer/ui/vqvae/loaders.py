"""The VQ-VAE page's shipped models and what is computed from them once per server (st.cache_resource: shared
by every session, never mutated)."""

from __future__ import annotations

import streamlit as st

from explorer.topics.vqvae.bits import GROUP, BitsChart, bits_chart
from explorer.topics.vqvae.logic import Codebook, Tokens, codebook_view
from explorer.topics.vqvae.measured import shipped_closeness, shipped_test_tokens
from explorer.topics.vqvae.prior import Closeness, Samples, prior_samples, uniform_samples
from explorer.ui.shared.resources import digit_classifier, pretrained_model, pretrained_store


def vqvae_group() -> dict:
    """Raises MissingGroupError when the manifest has no VQ-VAE group."""
    return pretrained_store().group(GROUP)


def vq_model():
    return pretrained_model(vqvae_group()["model"])


def token_prior():
    return pretrained_model(vqvae_group()["prior"]["model"])


@st.cache_resource(show_spinner=False)
def test_tokens() -> Tokens:
    """The shipped VQ-VAE's tokens of the whole bundled test split: measured when the app was built (the
    vqvae_measures group)."""
    return shipped_test_tokens(pretrained_store())


@st.cache_resource(show_spinner=False)
def codebook(model_name: str) -> Codebook:
    return codebook_view(pretrained_model(model_name), test_tokens().tokens)


@st.cache_resource(show_spinner=False)
def error_against_bits() -> BitsChart:
    return bits_chart(pretrained_store())


# Its seed counts a student's "Sample other grids" clicks: each click past the class's furthest adds an entry of
# about 80 kB (24 grids and their decodes). The 32 most recent are kept: under 3 MB, whatever a class clicks.
SAMPLE_PAIRS_KEPT = 32


@st.cache_resource(show_spinner="Sampling token grids…", max_entries=SAMPLE_PAIRS_KEPT)
def sample_pair(model_name: str, prior_name: str, count: int, seed: int) -> tuple[Samples, Samples]:
    """`count` grids from the prior and as many uniform ones, decoded and scored by the digit classifier."""
    model, judge = pretrained_model(model_name), digit_classifier()
    return (prior_samples(model, pretrained_model(prior_name), judge, count, seed),
            uniform_samples(model, judge, count, seed))


@st.cache_resource(show_spinner=False)
def closeness_to_real() -> Closeness:
    """How far the decodes of a fixed batch of prior and uniform grids lie from their nearest training digits (and
    the test digits, the reference): measured when the app was built (the vqvae_measures group)."""
    return shipped_closeness(pretrained_store())
