"""The Loss-balance page's *Go deeper* below the charts: a walk along the run's code, the GIFs, the shipped runs
measured, and what is going on."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.core.images import strip
from explorer.models.gaussian import dims_by_kl
from explorer.topics.loss_balance.evidence import GalleryEvidence
from explorer.topics.loss_balance.export import beta_sweep_gif, code_walk_gif
from explorer.topics.loss_balance.references import ReferenceRun
from explorer.topics.loss_balance.story import (
    BETA_EFFECTS,
    ELBO_WORDS,
    active_dimensions_words,
    gallery_introduction,
    reconstruction_summary,
    samples_summary,
)
from explorer.topics.loss_balance.traversal import traverse
from explorer.training.live import LiveRun
from explorer.ui.loss_balance import keys
from explorer.ui.shared.export import download_gif_button
from explorer.ui.shared.judge_ladder import show_judge_ladder


def code_walk(run: LiveRun) -> None:
    """One slider per dimension of the run's code, the most informative first, and the decode of where they
    point; fresh sliders for every new run."""
    st.markdown("#### Walk along one dimension of the code")
    st.markdown("Each slider moves one number of your run's code (starting from the average test code); the "
                "most informative dimensions (largest KL) come first. Collapsed ones change nothing.")
    last, number = run.last, st.session_state[keys.RUNS_STARTED]
    walk = st.columns([3, 1])
    slider_columns = walk[0].columns(4)
    moved = {}
    for i, dim in enumerate(dims_by_kl(last.kl_per_dim)):
        moved[dim] = slider_columns[i % 4].slider(
            f"Dimension {dim + 1} · KL {last.kl_per_dim[dim]:.2f}", -4.0, 4.0, round(float(last.code_means[dim]), 1),
            0.1, key=keys.walk_slider(number, dim))
    walk[1].image(strip(traverse(run.model, last.code_means, moved), factor=6), caption="decoded", width="stretch",
                  alt="The decode of the code the sliders set")
    with walk[1]:
        download_gif_button(keys.CODE_WALK_GIF, (number, last.epoch),
                            lambda: code_walk_gif(run.model, last.code_means, last.kl_per_dim),
                            "code_walk.gif", help="Each dimension walked from −3 to 3.",
                            label="Make a GIF of this walk")


def ladder_gif(references: list[ReferenceRun], shipped_digits: np.ndarray) -> None:
    download_gif_button(keys.SWEEP_GIF, len(references), lambda: beta_sweep_gif(references, shipped_digits),
                        "beta_sweep.gif", help="One frame per shipped β: the ladder's rows, as a GIF.",
                        label="Make a GIF of the β ladder")


def shipped_measured(evidence: GalleryEvidence) -> None:
    st.markdown("#### The shipped runs, measured")
    st.markdown(gallery_introduction(evidence))
    st.markdown(f"**Reconstructions.** {reconstruction_summary(evidence)}")
    st.markdown(f"**Decodes of draws from the prior.** {samples_summary(evidence)}")
    show_judge_ladder()


def explain(evidence: GalleryEvidence | None, references: list[ReferenceRun]) -> None:
    st.markdown("#### What is going on")
    st.markdown(ELBO_WORDS)
    st.markdown(active_dimensions_words(evidence, references[-1].kl_per_dim.size if references else 0))
    st.markdown(BETA_EFFECTS)
