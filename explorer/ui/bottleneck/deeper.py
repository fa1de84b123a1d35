"""The Bottleneck page's "Go deeper": the rows as a picture, how they are made, the error against every k, what
is lost as k shrinks, and why PCA is the linear autoencoder."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.core.data import PIXELS
from explorer.topics.bottleneck.export import rows_png
from explorer.topics.bottleneck.figures import error_curve_figure
from explorer.topics.bottleneck.logic import Comparison, ErrorCurve
from explorer.ui.bottleneck import keys
from explorer.ui.shared.export import download_png_button
from explorer.ui.shared.style import show_chart

HOW_THE_ROWS_ARE_MADE = (
    f"**How the rows are made.** Each digit is {PIXELS} pixels. The autoencoder encodes it into a code of "
    "only **k** numbers and decodes that code back into a picture: its *reconstruction*. **PCA** does the same "
    "job with the best *linear* code of k numbers: *linear* means that each number of the code is a weighted "
    "sum of the pixels, and the reconstruction a weighted sum of k fixed pictures, one per number of the code, "
    "with no bends anywhere. Under each reconstruction, its **MSE** (mean squared error): for every pixel, the "
    "difference between the original and the reconstruction, squared, then averaged over all pixels (pixel "
    "values run from 0 to 1). 0 is a perfect copy."
)
WHY_PCA_IS_LINEAR = """
**Why PCA is the linear autoencoder.** Suppose encoder and decoder were single linear layers trained
on squared error. The best they could do is keep the flat k-dimensional slice of pixel space in which
the digits vary most: the slice spanned by PCA's first k *principal components*, the k directions of
greatest variation. Baldi and Hornik (1989) showed that this is where such a network ends up, but its
code need not be PCA's own: any mix of the k components that can be undone (an *invertible* mix)
reconstructs the digits just as well. So PCA is the best any *linear* k-number code can do. The
autoencoder's curve sits below PCA's at every k because its layers bend: it can lay the digits on a
curved surface that a flat slice cannot follow.
"""


def show_deeper(result: Comparison, curve: ErrorCurve, test_digits: int) -> None:
    k = result.k
    download_png_button(keys.ROWS_PNG, (k, tuple(map(int, result.indices))), lambda: rows_png(result),
                        f"bottleneck_k{k}.png",
                        help="The three rows at the top (originals, autoencoder, PCA) as one picture.")
    st.markdown(HOW_THE_ROWS_ARE_MADE)
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**Error against k**, averaged over all {test_digits:,} test digits")
        show_chart(error_curve_figure, curve.ks, curve.ae_mse, curve.pca_mse, k, key=keys.CURVE_CHART)
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
    st.markdown(WHY_PCA_IS_LINEAR)
