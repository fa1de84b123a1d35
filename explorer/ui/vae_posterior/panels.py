"""Inside the VAE's results: the reparameterisation written out with the digit's numbers beside the plane, the
row of decoded samples, and, deeper, the gradient's path and the KL term."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.core.glossary import term
from explorer.topics.vae_posterior.figures import SAMPLE_COLOUR, computation_graph
from explorer.topics.vae_posterior.logic import Posterior, gradients, kl_per_dimension
from explorer.topics.vae_posterior.measures import DecodedSamples
from explorer.topics.vae_posterior.story import GRADIENT_WORDS, kl_story
from explorer.ui.shared.images import show_digit


def _row(name: str, values: np.ndarray, colour: str | None = None) -> str:
    cells = [f"{value:+.3f}" for value in values]
    if colour:
        cells = [f"**:red[{cell}]**" for cell in cells]
    return f"| {name} | " + " | ".join(cells) + " |"


def show_reparameterisation(posterior: Posterior, eps: np.ndarray, sample: np.ndarray, draw: int,
                            image: np.ndarray, mean_decode: np.ndarray, sample_decode: np.ndarray,
                            what: str) -> None:
    """The steps from the encoder's two outputs to the decode of the sample, one column per dimension."""
    st.markdown(f"**The sample, step by step**, for {what}. The encoder gives μ and log σ²; {term('ε')} is drawn "
                f"from {term('N(0, I)', 'N(0, 1)')}:")
    st.markdown("\n".join([
        "| step | dimension 1 | dimension 2 |", "|---|---:|---:|",
        _row("μ", posterior.mean),
        _row("log σ²", posterior.logvar),
        _row("σ = exp(½ log σ²)", posterior.sigma),
        _row(f"ε, draw #{draw}", eps),
        _row("**z = μ + σ·ε**", sample, SAMPLE_COLOUR),
    ]))
    cells = st.columns(4)[:3]  # three pictures, small enough to stay in view under the table
    alts = (what[0].upper() + what[1:], f"The VAE's decode of μ for {what}",
            f"The VAE's decode of the sample z (draw #{draw}) for {what}")
    for cell, picture, caption, alt in zip(cells, (image, mean_decode, sample_decode),
                                           ("the digit", "decode of μ", "decode of z"), alts, strict=True):
        with cell:
            show_digit(picture, caption, alt=alt)


def show_samples(samples: DecodedSamples, story: str) -> None:
    st.markdown(f"**{len(samples.decodes)} more draws from the same cloud, decoded** (the grey rings), beside the "
                "decode of μ:")
    cells = st.columns(len(samples.decodes) + 1)
    with cells[0]:
        show_digit(samples.mean_decode, "μ", alt="The decode of the cloud's centre μ")
    for number, (cell, picture) in enumerate(zip(cells[1:], samples.decodes, strict=True), start=1):
        with cell:
            show_digit(picture, f"draw {number}", alt=f"The decode of draw {number} from the cloud")
    st.markdown(story)


def show_gradient(posterior: Posterior, eps: np.ndarray, sample: np.ndarray, what: str) -> None:
    st.markdown("#### Why write the sample as μ + σ·ε?")
    st.markdown(GRADIENT_WORDS)
    st.graphviz_chart(computation_graph(posterior, eps, sample, what), width="content",
                      alt="The computation graph: the encoder turns x into μ and log σ², σ comes from log σ², the "
                          "sample is z = μ + σ·ε, and the decoder turns z into x̂ and the loss; the red edges from μ "
                          "and σ to z carry the gradient back to the encoder, the dashed one from ε carries none")
    found = gradients(posterior, eps)
    st.markdown("The derivatives of the sample, by PyTorch's autograd through the VAE's own sampling function, "
                "for this digit and this ε:\n\n" + "\n".join([
                    "| derivative | dimension 1 | dimension 2 |", "|---|---:|---:|",
                    _row("∂z/∂μ", found.by_mean), _row("∂z/∂σ (it equals ε)", found.by_sigma),
                    _row("∂z/∂ log σ² (σ·ε / 2)", found.by_logvar)]))


def show_kl(posterior: Posterior) -> None:
    st.markdown("#### The other half of the loss: this cloud against N(0, I)")
    st.markdown(kl_story(kl_per_dimension(posterior)))
