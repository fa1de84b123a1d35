"""The VQ-VAE page's "Go deeper" part: the codebook, the prior over tokens, bits per image, and how it works."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.core.images import enlarge, tile
from explorer.models.digit_judge import JUDGE_GROUP, REAL_ENOUGH, JudgeScores, judged
from explorer.topics.vqvae.figures import bits_figure, codebook_map_figure, usage_figure
from explorer.topics.vqvae.logic import Codebook, background_share, patch, patches_of
from explorer.topics.vqvae.story import EXPLANATION, bits_sentences, prior_sentence, usage_sentence
from explorer.ui.shared.anatomy import deeper
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.judge_ladder import show_judge_ladder
from explorer.ui.shared.resources import bundled_data, digit_judge, pretrained_store
from explorer.ui.shared.style import show_chart
from explorer.ui.vqvae import keys
from explorer.ui.vqvae.loaders import closeness_to_real, error_against_bits, sample_pair, test_tokens

PATCHES_SHOWN = 12
SAMPLES_SHOWN = 12


def show_codebook(model_name: str, book: Codebook, colours: list[str], code: int) -> None:
    st.subheader("The codebook")
    encoding = test_tokens()
    cells = int(book.usage.counts.sum())
    top = int(book.usage.counts.argmax())
    st.markdown(usage_sentence(book.usage, cells, top, background_share(top, encoding, bundled_data().test_images)))
    left, middle, right = st.columns([1.1, 1, 1])
    with right:
        if keys.ENTRY not in st.session_state:
            st.session_state[keys.ENTRY] = code
        entry = int(st.number_input("Test patches that chose entry", 0, len(book.entries) - 1, key=keys.ENTRY,
                                    help="The 4 × 4 block under the cell, outlined, with 4 pixels around it. "
                                         "It follows the selected cell's code; pick any other here."))
    with left:
        st.markdown("**How often each entry is chosen** (all test digits' cells)")
        show_chart(usage_figure, book.usage.counts, book.usage.dead, entry, key=keys.USAGE_CHART)
    with middle:
        st.markdown("**A map of the entries** (PCA of the codebook; size: use; hover for the number)",
                    help="Each entry has the colour it has in the token grid; hollow: dead.")
        show_chart(codebook_map_figure, book.plane, colours, book.usage.counts, entry, book.plane_share,
                   key=keys.MAP_CHART)
    with right:
        found = patches_of(entry, encoding, PATCHES_SHOWN)
        if not found:
            st.info(f"Entry {entry} is dead: no cell of the test digits chose it.")
        else:
            images = bundled_data().test_images
            pieces = np.stack([patch(images[i], r, c) for i, r, c in found])
            st.image(outlined(tile(pieces, columns=4)), width="stretch",
                     alt=f"{len(found)} patches of test digits whose 4 × 4 block, framed in red, chose entry {entry}",
                     caption=f"{len(found)} of the {int(book.usage.counts[entry]):,} test cells that chose "
                             f"entry {entry}, nearest to the entry first")


def outlined(picture: np.ndarray, factor: int = 5) -> np.ndarray:
    """The tiled patches, enlarged, in colour, with each patch's own 4 x 4 block framed in red."""
    grey = enlarge(picture, factor)
    rgb = np.repeat(grey[..., None], 3, axis=2)
    step = (12 + 2) * factor  # a patch and its gap
    for top in range(0, rgb.shape[0], step):
        for left in range(0, rgb.shape[1], step):
            y0, x0, y1, x1 = top + 4 * factor, left + 4 * factor, top + 8 * factor - 1, left + 8 * factor - 1
            rows, columns = slice(y0, y1 + 1), slice(x0, x1 + 1)
            for y, x in ((rows, x0), (rows, x1), (y0, columns), (y1, columns)):
                rgb[y, x] = (230, 57, 70)
    return rgb


def show_prior(model_name: str, group: dict) -> None:
    st.subheader("Random tokens make scraps: a generator needs a prior over tokens")
    with report_pretrained_error(stop=False):  # a broken prior or classifier leaves the rest of the page working
        show_samples(model_name, group["prior"])


def show_samples(model_name: str, prior: dict) -> None:
    judge = pretrained_store().group(JUDGE_GROUP)
    shipped = judged(judge["pages"]["vqvae"])
    verdict = prior_sentence(shipped["prior"], shipped["uniform"], JudgeScores.from_json(judge["ladder"]["real"]),
                             closeness_to_real())
    st.markdown(
        "A tiny transformer (two layers) was trained on the token grids of the training digits to predict each "
        "token from the ones before it, row by row: a **prior over tokens**. Sampling it one cell at a time makes "
        "whole grids, which the VQ-VAE decodes. " + verdict)
    seed = st.session_state.get(keys.SAMPLE_SEED, 1)
    if st.button("Sample other grids", key=keys.RESAMPLE):
        seed = st.session_state[keys.SAMPLE_SEED] = seed + 1
    from_prior, uniform = sample_pair(model_name, prior["model"], SAMPLES_SHOWN, seed)
    for name, samples in (("Sampled from the prior", from_prior), ("Drawn uniformly", uniform)):
        realism = digit_judge().realism(samples.images)
        st.image(enlarge(tile(samples.images, columns=SAMPLES_SHOWN), 3), width="stretch",
                 alt=f"{name}: {SAMPLES_SHOWN} token grids decoded; the digit judge finds "
                     f"{int((realism >= REAL_ENOUGH).sum())} of them real",
                 caption=f"{name}: {SAMPLES_SHOWN} grids decoded; the digit judge finds "
                         f"{int((realism >= REAL_ENOUGH).sum())} of them real (the classifier's mean confidence "
                         f"{samples.scores.mean_confidence:.2f})")
    show_judge_ladder()


def show_bits() -> None:
    st.subheader("Error against bits per image")
    with report_pretrained_error(stop=False):
        chart = error_against_bits()
        left, right = st.columns([3, 2])
        with left:
            show_chart(bits_figure, chart, key=keys.BITS_CHART)
        with right:
            st.markdown(bits_sentences(chart))


def show_deeper(group: dict, book: Codebook, colours: list[str], code: int) -> None:
    with deeper() as opened:
        if opened:
            show_codebook(group["model"], book, colours, code)
            show_prior(group["model"], group)
            show_bits()
            st.subheader("How it works")
            st.markdown(EXPLANATION)
