"""The Bottleneck page's main picture and the student's own digit: test digits through a code of k numbers,
beside PCA's reconstructions, and the same for a digit of the student's."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.core.pca import PCABasis
from explorer.models.base import Autoencoder
from explorer.models.placement import place_digit
from explorer.topics.bottleneck.logic import (
    Comparison,
    ErrorCurve,
    compare,
    error_ratio_in_words,
    pick_images,
    size_in_words,
)
from explorer.ui.bottleneck.controls import BottleneckChoice
from explorer.ui.bottleneck.loaders import errors_on_test_split
from explorer.ui.shared.images import show_digit, show_digit_rows

IMAGES_SHOWN = 8


def shown_digits(choice: BottleneckChoice, model_name: str, labels: np.ndarray) -> np.ndarray:
    """The test digits the controls ask for: at random, of one digit, or those the model reconstructs worst."""
    return pick_images(choice.mode, labels=labels, count=IMAGES_SHOWN, seed=choice.seed, digit=choice.digit,
                       errors=errors_on_test_split(model_name) if choice.mode == "worst" else None)


def show_rows(result: Comparison, curve: ErrorCurve, test_digits: int) -> None:
    """The chosen digits, their autoencoder and PCA reconstructions, and how the two compare over the test split."""
    k = result.k
    ae_mse = curve.ae_mse[curve.ks.index(k)]
    pca_mse = curve.pca_mse[curve.ks.index(k)]
    st.markdown(
        f"**Eight test digits through a code of k = {k}: {size_in_words(k)}.** Over all {test_digits:,} "
        f"test digits, {error_ratio_in_words(ae_mse, pca_mse)} (MSE {ae_mse:.4f} against {pca_mse:.4f})."
    )
    digits = [f"test digit {label}" for label in result.labels]
    show_digit_rows([
        ("Original", result.originals, [f"digit {label}" for label in result.labels],
         [digit[0].upper() + digit[1:] for digit in digits]),
        ("Autoencoder", result.ae, [f"MSE {error:.4f}" for error in result.ae_mse],
         [f"The autoencoder's reconstruction of {digit} at k = {k} (MSE {error:.4f})"
          for digit, error in zip(digits, result.ae_mse, strict=True)]),
        ("PCA (linear)", result.pca, [f"MSE {error:.4f}" for error in result.pca_mse],
         [f"PCA's reconstruction of {digit} at k = {k} (MSE {error:.4f})"
          for digit, error in zip(digits, result.pca_mse, strict=True)]),
    ])


def show_own_digit(image: np.ndarray, model: Autoencoder, basis: PCABasis, test_codes: np.ndarray,
                   test_labels: np.ndarray) -> None:
    """The student's digit through the same code and PCA, and which test digits its code lies nearest to."""
    own = compare(model, basis, image[None], np.array([-1]), np.array([0]))
    placement = place_digit(model, image, test_codes, test_labels)
    columns = st.columns([1, 1, 1, 5], vertical_alignment="center")  # digits the size of the rows above
    alts = ("Your digit", f"Your digit through the autoencoder at k = {own.k} (MSE {own.ae_mse[0]:.4f})",
            f"Your digit through PCA at k = {own.k} (MSE {own.pca_mse[0]:.4f})")
    for column, picture, caption, alt in zip(columns, (own.originals[0], own.ae[0], own.pca[0]),
                                             ("your digit", "autoencoder", "PCA"), alts, strict=False):
        with column:
            show_digit(picture, caption, alt=alt)  # captions of one line each: the three digits stay in line
    neighbours = ", ".join(str(label) for label in placement.neighbour_labels)
    columns[3].markdown(
        f"**Your digit through a code of k = {own.k}.** Its reconstruction error (MSE): autoencoder "
        f"{own.ae_mse[0]:.4f}, PCA {own.pca_mse[0]:.4f}. Among the test digits, the {len(placement.neighbours)} "
        f"whose codes lie nearest to yours show the digits {neighbours}: to this code, yours looks like "
        f"a **{placement.guess}**."
    )
