"""Streamlit glue of the Inside the network page's comparison: the fully connected AE beside the conv AE."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.core.data import PIXELS
from explorer.core.images import enlarge, strip, tile
from explorer.models.base import Autoencoder
from explorer.topics.inside_network.comparison import (
    Pair,
    as_grey,
    contrast_in_words,
    dense_share,
    first_layer_weights,
    growth_in_words,
    levels_in_words,
    strongest,
)
from explorer.topics.inside_network.figures import shift_curve_figure
from explorer.topics.inside_network.following import following_words
from explorer.topics.inside_network.layers import LayerTrace
from explorer.topics.inside_network.shift import SHIFTS, shift_row
from explorer.ui.inside_network import keys
from explorer.ui.inside_network.layers import conv_following
from explorer.ui.shared.style import show_chart

MLP_UNITS_SHOWN = 16


def show_comparison(pair: Pair, mlp: Autoencoder, conv: Autoencoder, image: np.ndarray, shift: int,
                    test_count: int) -> None:
    """The error-against-shift curve, one digit shifted through both models, their sizes and first layers."""
    left, right = st.columns([1, 1.25])
    with left:
        st.markdown(f"{growth_in_words(pair)} {levels_in_words(pair)} Averaged over all {test_count:,} test "
                    "digits, each moved up, down, left and right.")
        show_chart(shift_curve_figure, pair, shift, key=keys.SHIFT_CURVE_CHART, config={"displayModeBar": False})
    with right:
        st.markdown(f"**This digit moved 0 to {SHIFTS[-1]} px right**, and each model's reconstruction")
        mlp_row, conv_row = shift_row(mlp, image), shift_row(conv, image)
        rows = (("Shifted digit", mlp_row.inputs, None), (pair.mlp.label, mlp_row.reconstructions, mlp_row.mse),
                (pair.conv.label, conv_row.reconstructions, conv_row.mse))
        for label, images, mse in rows:
            errors = "" if mse is None else ": MSE " + ", ".join(f"{value:.3f}" for value in mse)
            caption = label[0].upper() + label[1:] + errors
            st.image(strip(images, factor=3, gap=2), width="content", caption=caption,
                     alt=f"{caption}, for shifts of 0 to {SHIFTS[-1]} px")

    mlp_weights, conv_weights = first_layer_weights(mlp), first_layer_weights(conv)
    table, mlp_picture, conv_picture = st.columns([1.6, 1.5, 1])
    table.markdown(f"""
| | {pair.mlp.label} | {pair.conv.label} |
|---|---:|---:|
| parameters | {pair.mlp.parameters:,} | {pair.conv.parameters:,} |
| first layer's weights | {mlp_weights.size:,} | {conv_weights.size:,} |
| test MSE, digits as they are | {pair.mlp.test_mse:.4f} | {pair.conv.test_mse:.4f} |
""")
    units = strongest(mlp_weights, MLP_UNITS_SHOWN)
    mlp_picture.image(enlarge(tile(as_grey(mlp_weights[units]), columns=8), 2), width="stretch",
                      alt=f"The {len(units)} strongest first-layer weight pictures of the {pair.mlp.label}",
                      caption=f"First layer of the {pair.mlp.label}: the {len(units)} strongest of its "
                      f"{len(mlp_weights)} units, each a 28 × 28 picture of weights (white +, black −)")
    conv_picture.image(enlarge(tile(as_grey(conv_weights), columns=8), 8), width="stretch",
                       alt=f"The {len(conv_weights)} first-layer kernels of the {pair.conv.label}",
                       caption=f"First layer of the {pair.conv.label}: all {len(conv_weights)} kernels, each "
                       f"{conv_weights.shape[1]} × {conv_weights.shape[2]}, slid over the whole digit")


def explain_locality_and_shifts(pair: Pair, mlp: Autoencoder, conv: Autoencoder, layers: LayerTrace,
                                train_count: int) -> None:
    kernel = first_layer_weights(conv)
    maps = layers.encoder[-1]
    trained = pair.shift_trained
    practice = (f"random shifts of at most {pair.max_shift} pixels" if pair.max_shift
                else "no shifted digits at all")
    st.markdown(f"""
**Locality.** A unit of the {pair.mlp.label}'s first layer is wired to all {PIXELS} pixels at once: the pictures
of its weights cover the whole frame. A unit of the conv AE's first layer looks only at a
{kernel.shape[1]} × {kernel.shape[2]} patch: strokes are made of neighbouring pixels, so a small window is enough
to find an edge or a piece of a curve.

**Weight sharing.** The conv AE slides each kernel over every place of the digit and uses the same weights
everywhere, so its whole first layer has {kernel.size:,} weights against the {pair.mlp.label}'s
{first_layer_weights(mlp).size:,}. A stroke found at the top left is found the same way at the bottom right, but
only where the kernel's steps of {conv_following().steps[0]} pixels land, so the maps at the top move with the
digit for some shifts and change for others. {following_words(conv_following())}

**Why a dense layer in either model still cares where the digit is.** Maps that move are not yet a code that
stays put. The conv AE's last encoder layer is fully connected: it gives every number of its {len(maps)} maps of
{maps.shape[1]} × {maps.shape[2]} its own weight, so a stroke one place over meets other weights and makes another
code. The decoder starts with a fully connected layer too, and it learned to draw digits only where the training
digits were: centred. Of the conv AE's {pair.conv.parameters:,} parameters, {dense_share(conv):.0%} sit in
fully connected layers (the {pair.mlp.label}'s: {dense_share(mlp):.0%}).

**Why neither model saw shifted digits in training.** Both were trained alike: the same {train_count:,} training
digits, the same number of epochs, seed and learning rate, and {practice}. Had they practised on moved digits, the
curve would measure what the practice taught as much as what the wiring does. The dotted grey line is
the Bottleneck page's conv AE with the same code size; {contrast_in_words(pair)}. It ends at
{trained.curve.growth():.1f}× its unshifted error at {trained.curve.shifts[-1]} pixels, against
{pair.conv.curve.growth():.1f}× for the conv AE that never saw a moved digit: the practice and the longer
training both go into that gap.
""")
