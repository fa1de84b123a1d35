"""Bottleneck: pick the code size k and watch reconstructions degrade, the autoencoder beside PCA."""

import numpy as np
import streamlit as st

from explorer.core.data import PIXELS
from explorer.models.placement import place_digit
from explorer.topics.bottleneck.export import rows_png
from explorer.topics.bottleneck.figures import error_curve_figure
from explorer.topics.bottleneck.logic import (
    SELECTION_MODES,
    compare,
    error_curve,
    error_ratio_in_words,
    pick_images,
    size_in_words,
)
from explorer.ui.bottleneck.loaders import codes_of_test_split, errors_on_test_split, pca_basis
from explorer.ui.bottleneck.predictions import bottleneck_prediction
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.export import download_png_button
from explorer.ui.shared.images import show_digit, show_digit_rows
from explorer.ui.shared.own_digit import own_digit_input
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import bundled_data, pretrained_model, pretrained_store
from explorer.ui.shared.shortcuts import option_stepper
from explorer.ui.shared.style import show_figure
from explorer.ui.shared.view_link import ViewLink, ViewParam

PAGE = "app_pages/bottleneck.py"
IMAGES_SHOWN = 8

page_header("🗜️ Bottleneck: what do k numbers keep?",
            f"How much of a {PIXELS}-pixel digit survives a code of only k numbers?")
predict_first(bottleneck_prediction)

with report_pretrained_error():
    curve = error_curve(pretrained_store())

data = bundled_data()
view = ViewLink(PAGE)
view.restore(ViewParam("k", "bottleneck_k", int, options=curve.ks),
             ViewParam("mode", "bottleneck_mode", options=list(SELECTION_MODES)),
             ViewParam("seed", "bottleneck_seed", int, low=0, high=10_000),
             ViewParam("digit", "bottleneck_digit", int, low=0, high=9))
controls = st.columns([2.2, 0.9, 1.6, 1.2], vertical_alignment="bottom")
k = view.control(controls[0].segmented_control, f"Code size k: the numbers kept of {PIXELS}", options=curve.ks,
                 default=16 if 16 in curve.ks else curve.ks[0], required=True, key="bottleneck_k",
                 help="Only the sizes with a shipped model: nothing retrains.")
with controls[1]:
    option_stepper("bottleneck_k", curve.ks, disabled=view.locked("bottleneck_k"))
mode = view.control(controls[2].selectbox, "Which test digits", list(SELECTION_MODES),
                    format_func=SELECTION_MODES.get, key="bottleneck_mode")
if mode == "random":
    seed = view.control(controls[3].number_input, "Random seed", min_value=0, max_value=10_000, value=0, step=1,
                        key="bottleneck_seed")
elif mode == "digit":
    digit = view.control(controls[3].selectbox, "Digit", range(10), key="bottleneck_digit")

model_name = curve.models[curve.ks.index(k)]
with report_pretrained_error():
    model = pretrained_model(model_name)
    basis = pca_basis()
    indices = pick_images(
        mode,
        labels=data.test_labels,
        count=IMAGES_SHOWN,
        seed=seed if mode == "random" else 0,
        digit=digit if mode == "digit" else None,
        errors=errors_on_test_split(model_name) if mode == "worst" else None,
    )
result = compare(model, basis, data.test_images, data.test_labels, indices)

ae_mse = curve.ae_mse[curve.ks.index(k)]
pca_mse = curve.pca_mse[curve.ks.index(k)]
st.markdown(
    f"**Eight test digits through a code of k = {k}: {size_in_words(k)}.** Over all {len(data.test_images):,} "
    f"test digits, {error_ratio_in_words(ae_mse, pca_mse)} (MSE {ae_mse:.4f} against {pca_mse:.4f})."
)
show_digit_rows([
    ("Original", result.originals, [f"digit {label}" for label in result.labels]),
    ("Autoencoder", result.ae, [f"MSE {error:.4f}" for error in result.ae_mse]),
    ("PCA (linear)", result.pca, [f"MSE {error:.4f}" for error in result.pca_mse]),
])

tiny_sizes = ", ".join(str(size) for size in np.array_split(curve.ks, 3)[0])
look_for(
    f"Step k down from {curve.ks[-1]} to {curve.ks[0]}. First the quirks of each hand go and the digits turn "
    f"into a typical way of writing them; at the tiniest sizes ({tiny_sizes}) some come back as a different digit. "
    "PCA, in the bottom row, makes the best code that is a straight weighted sum of the pixels: at every k its "
    "error is higher than the autoencoder's."
)

mine = own_digit_input("bottleneck")
if mine is not None:
    own = compare(model, basis, mine.image[None], np.array([-1]), np.array([0]))
    placement = place_digit(model, mine.image, codes_of_test_split(model_name), data.test_labels)
    columns = st.columns([1, 1, 1, 5], vertical_alignment="center")  # digits the size of the rows above
    for column, image, caption in zip(columns, (own.originals[0], own.ae[0], own.pca[0]),
                                      ("your digit", "autoencoder", "PCA"), strict=False):
        with column:
            show_digit(image, caption)  # captions of one line each: the three digits stay in line
    neighbours = ", ".join(str(label) for label in placement.neighbour_labels)
    columns[3].markdown(
        f"**Your digit through a code of k = {k}.** Its reconstruction error (MSE): autoencoder "
        f"{own.ae_mse[0]:.4f}, PCA {own.pca_mse[0]:.4f}. Among the test digits, the {len(placement.neighbours)} "
        f"whose codes lie nearest to yours show the digits {neighbours}: to this code, yours looks like "
        f"a **{placement.guess}**."
    )

with deeper():
    download_png_button("bottleneck_rows", (k, tuple(map(int, indices))), lambda: rows_png(result),
                        f"bottleneck_k{k}.png",
                        help="The three rows at the top (originals, autoencoder, PCA) as one picture.")
    st.markdown(
        f"**How the rows are made.** Each digit is {PIXELS} pixels. The autoencoder encodes it into a code of "
        "only **k** numbers and decodes that code back into a picture: its *reconstruction*. **PCA** does the same "
        "job with the best *linear* code of k numbers: *linear* means that each number of the code is a weighted "
        "sum of the pixels, and the reconstruction a weighted sum of k fixed pictures, one per number of the code, "
        "with no bends anywhere. Under each reconstruction, its **MSE** (mean squared error): for every pixel, the "
        "difference between the original and the reconstruction, squared, then averaged over all pixels (pixel "
        "values run from 0 to 1). 0 is a perfect copy."
    )
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**Error against k**, averaged over all {len(data.test_images):,} test digits")
        show_figure(error_curve_figure(curve.ks, curve.ae_mse, curve.pca_mse, k), key="bottleneck_curve")
    with right:
        tiny, middle, large = (", ".join(str(size) for size in sizes) for sizes in np.array_split(curve.ks, 3))
        st.markdown(
            f"""
**What is lost as k shrinks**
- **Large k** ({large}): nearly every stroke survives; only faint speckle and the exact stroke
  thickness blur.
- **Middle k** ({middle}): most digits keep their identity and slant, but quirks of handwriting are
  replaced by a "typical" way of writing that digit.
- **Tiny k** ({tiny}): the code can say little more than roughly *which* digit and *how it leans*;
  many digits come back as a different digit.
"""
        )
    st.markdown(
        """
**Why PCA is the linear autoencoder.** Suppose encoder and decoder were single linear layers trained
on squared error. The best they could do is keep the flat k-dimensional slice of pixel space in which
the digits vary most: the slice spanned by PCA's first k *principal components*, the k directions of
greatest variation. Baldi and Hornik (1989) showed that this is where such a network ends up, but its
code need not be PCA's own: any mix of the k components that can be undone (an *invertible* mix)
reconstructs the digits just as well. So PCA is the best any *linear* k-number code can do. The
autoencoder's curve sits below PCA's at every k because its layers bend: it can lay the digits on a
curved surface that a flat slice cannot follow.
"""
    )

view.finish(*{"random": ("digit",), "digit": ("seed",)}.get(mode, ("seed", "digit")))
next_link(PAGE)
