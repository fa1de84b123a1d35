"""The Anomaly page's main picture: the chosen test images, their reconstructions and error maps, the histogram of
every error against the threshold, and where the student's own digit falls."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.core.data import DigitData
from explorer.models.base import Autoencoder
from explorer.topics.anomaly.by_digit import ink_against_normal
from explorer.topics.anomaly.figures import error_histogram_figure
from explorer.topics.anomaly.logic import error_maps, most_anomalous
from explorer.topics.anomaly.story import ranked_caption
from explorer.ui.anomaly import keys
from explorer.ui.anomaly.controls import AnomalyChoice
from explorer.ui.shared.images import show_digit, show_digit_rows, show_heat_map
from explorer.ui.shared.style import show_chart

IMAGES_SHOWN = 8
HEAT = ("🚩 marks an error at or above the threshold. Heat maps: black where the reconstruction matches, through "
        "red and yellow to white where it is furthest off.")


def shown_images(choice: AnomalyChoice) -> np.ndarray:
    """The test images to show: the highest errors, or a fixed random draw of unseen or of normal digits."""
    if choice.mode == "ranked":
        return most_anomalous(choice.scores, IMAGES_SHOWN)
    pool = np.flatnonzero(choice.is_anomaly if choice.mode == "anomalies" else ~choice.is_anomaly)
    return np.random.default_rng(0).choice(pool, size=min(IMAGES_SHOWN, len(pool)), replace=False)


def show_test_images(model: Autoencoder, choice: AnomalyChoice, data: DigitData, image_ink: np.ndarray) -> float:
    """The rows of images, reconstructions and error maps; returns the error maps' top (their colour scale)."""
    indices = shown_images(choice)
    ranked = choice.mode == "ranked"
    maps = error_maps(model, data.test_images[indices])
    vmax = float(np.quantile(maps.pixel_errors, 0.995))
    labels = data.test_labels[indices]
    names = [f"test image {f'#{rank + 1} ' if ranked else ''}(digit {label})" for rank, label in enumerate(labels)]
    scores = choice.scores[indices]
    show_digit_rows([
        ("Test image", maps.images, [f"#{rank + 1}: digit {label}" if ranked else f"digit {label}"
                                     for rank, label in enumerate(labels)], [name.capitalize() for name in names]),
        ("Reconstruction and its error", maps.reconstructions,
         [("🚩 " if score >= choice.threshold else "") + f"{score:.4f}" for score in scores],
         [f"Reconstruction of {name}: error {score:.4f}, " + ("flagged" if score >= choice.threshold else "not flagged")
          for name, score in zip(names, scores, strict=True)]),
    ])
    cells = st.columns([1.3] + [1] * len(indices), vertical_alignment="center")
    cells[0].markdown("**Error per pixel**")
    for cell, pixel_errors, name in zip(cells[1:], maps.pixel_errors, names, strict=True):
        with cell:
            show_heat_map(pixel_errors, vmax, alt=f"Heat map of the error per pixel of {name}")
    heat = HEAT
    if ranked:
        normal_top = indices[~choice.is_anomaly[indices]]
        heat = ranked_caption(choice.held_out, IMAGES_SHOWN, data.test_labels[normal_top],
                              ink_against_normal(image_ink, normal_top, choice.is_anomaly)) + " " + heat
    st.caption(heat)
    return vmax


def show_histogram(choice: AnomalyChoice) -> None:
    st.markdown(f"**Every test image's reconstruction error**, normal digits against the unseen {choice.held_out}s")
    show_chart(error_histogram_figure, choice.scores, choice.is_anomaly, choice.threshold, choice.held_out,
               key=keys.HISTOGRAM_CHART)


def show_own_digit(model: Autoencoder, image: np.ndarray, choice: AnomalyChoice, vmax: float) -> None:
    """The student's digit beside its reconstruction and error map, and whether the threshold flags it."""
    own = error_maps(model, image[None])
    score = float(own.scores[0])
    flagged = score >= choice.threshold
    normal_rank = float((choice.scores[~choice.is_anomaly] < score).mean())
    columns = st.columns([1, 1, 1, 5], vertical_alignment="center")  # digits the size of the rows above
    with columns[0]:
        show_digit(own.images[0], "your digit", alt="Your digit")
    with columns[1]:
        show_digit(own.reconstructions[0], f"error {score:.4f}", alt=f"Reconstruction of your digit: error {score:.4f}")
    with columns[2]:
        show_heat_map(own.pixel_errors[0], max(vmax, float(own.pixel_errors[0].max())), "error per pixel",
                      alt="Heat map of the error per pixel of your digit")
    columns[3].markdown(
        f"**{'🚩 Flagged as an anomaly' if flagged else '✅ Looks normal'}** to the model that never saw "
        f"{choice.held_out}s: its error is higher than that of {normal_rank:.0%} of the normal test digits."
    )
