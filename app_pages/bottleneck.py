"""Bottleneck: pick the latent size k and watch reconstructions degrade, AE beside PCA."""

import numpy as np
import streamlit as st

from explorer.core.data import PIXELS
from explorer.topics.bottleneck.figures import error_curve_figure
from explorer.topics.bottleneck.logic import SELECTION_MODES, compare, compression_ratio, error_curve, pick_images
from explorer.topics.own_digit.placement import place_digit
from explorer.ui.errors import report_pretrained_error
from explorer.ui.images import show_digit
from explorer.ui.loaders import (
    bundled_data,
    codes_of_test_split,
    errors_on_test_split,
    pca_basis,
    pretrained_model,
    pretrained_store,
)
from explorer.ui.own_digit import own_digit_input

IMAGES_SHOWN = 8
MSE_HELP = ("MSE, mean squared error: for every pixel, the difference between the original and the redrawing, "
            "squared, then averaged over all pixels (pixel values run from 0 to 1). 0 is a perfect copy. Here "
            "averaged again over all {count:,} test digits.")

st.title("🗜️ Bottleneck: what do k numbers keep?")
st.markdown(
    f"Each digit below is {PIXELS} pixels. The autoencoder must pass it through a code of only **k** "
    "numbers and redraw it from that code. Shrink k and watch what the redrawing loses first. "
    "Beside it, **PCA** does the same job with the best *linear* code of k numbers: *linear* means that each "
    "code number is a weighted sum of the pixels, and the redrawing a weighted sum of k fixed pictures, one per "
    "code number, with no bends anywhere."
)

with report_pretrained_error():
    curve = error_curve(pretrained_store())

data = bundled_data()
controls = st.columns([3, 2, 2])
k = controls[0].select_slider("Latent size k", options=curve.ks, value=16 if 16 in curve.ks else curve.ks[0],
                              key="bottleneck_k", help="Only the sizes with a shipped model: nothing retrains.")
mode = controls[1].radio("Which test images", list(SELECTION_MODES), format_func=SELECTION_MODES.get,
                         key="bottleneck_mode")
if mode == "random":
    seed = controls[2].number_input("Random seed", min_value=0, max_value=10_000, value=0, step=1,
                                    key="bottleneck_seed")
elif mode == "digit":
    digit = controls[2].selectbox("Digit", range(10), key="bottleneck_digit")

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
stats = st.columns(4)
stats[0].metric("Compression k / 784", f"{compression_ratio(k):.1%}", help=f"{k} numbers kept for 784 pixels")
mse_help = MSE_HELP.format(count=len(data.test_images))
stats[1].metric("AE test error (MSE)", f"{ae_mse:.4f}", help=mse_help)
stats[2].metric("PCA test error (MSE)", f"{pca_mse:.4f}", help=mse_help)
stats[3].metric("AE error ÷ PCA error", f"{ae_mse / pca_mse:.2f}",
                help="Below 1: the nonlinear autoencoder keeps more with the same k numbers.")

st.subheader(f"Eight test digits through a code of k = {k}")
rows = (("Original", result.originals, None), ("Autoencoder", result.ae, result.ae_mse),
        ("PCA", result.pca, result.pca_mse))
for row_label, images, errors in rows:
    cells = st.columns([1.3] + [1] * len(images), vertical_alignment="center")
    cells[0].markdown(f"**{row_label}**")
    for i, cell in enumerate(cells[1:]):
        with cell:
            caption = f"digit {result.labels[i]}" if errors is None else f"MSE {errors[i]:.4f}"
            show_digit(images[i], caption)

mine = own_digit_input("bottleneck")
if mine is not None:
    own = compare(model, basis, mine.image[None], np.array([-1]), np.array([0]))
    placement = place_digit(model, mine.image, codes_of_test_split(model_name), data.test_labels)
    columns = st.columns([1, 1, 1, 5], vertical_alignment="center")  # digits the size of the rows above
    for column, image, caption in zip(columns, (own.originals[0], own.ae[0], own.pca[0]),
                                      ("your digit", f"AE, MSE {own.ae_mse[0]:.4f}", f"PCA, MSE {own.pca_mse[0]:.4f}"),
                                      strict=False):
        with column:
            show_digit(image, caption)
    neighbours = ", ".join(str(label) for label in placement.neighbour_labels)
    columns[3].markdown(
        f"**Your digit through a code of k = {k}.** Among the test digits, the {len(placement.neighbours)} "
        f"whose codes lie nearest to yours show the digits {neighbours}: to this code, yours looks like "
        f"a **{placement.guess}**."
    )

left, right = st.columns([3, 2])
with left:
    st.subheader("Error against k")
    st.plotly_chart(error_curve_figure(curve.ks, curve.ae_mse, curve.pca_mse, k), key="bottleneck_curve")
with right:
    st.subheader("What is lost as k shrinks")
    tiny, middle, large = (", ".join(str(size) for size in sizes) for sizes in np.array_split(curve.ks, 3))
    st.markdown(
        f"""
- **Large k** ({large}): nearly every stroke survives; only faint speckle and the exact stroke
  thickness blur.
- **Middle k** ({middle}): most digits keep their identity and slant, but quirks of handwriting are
  replaced by a "typical" way of writing that digit.
- **Tiny k** ({tiny}): the code can say little more than roughly *which* digit and *how it leans*;
  many digits come back as a different digit.

**Why PCA is the linear autoencoder.** Suppose encoder and decoder were single linear layers trained
on squared error. The best they could do is keep the flat k-dimensional slice of pixel space in which
the digits vary most: the slice spanned by PCA's first k *principal components*, the k directions of
greatest variation. Baldi and Hornik (1989) showed that this is where such a network ends up, but its
code need not be PCA's own: any mix of the k components that can be undone (an *invertible* mix)
redraws the digits just as well. So PCA is the best any *linear* k-number code can do. The
autoencoder's curve sits below PCA's at every k because its layers bend: it can lay the digits on a
curved surface that a flat slice cannot follow.
"""
    )
