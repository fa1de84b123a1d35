"""Streamlit glue of the Inside the network page: its shared resources and the layer-by-layer picture."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.core.images import enlarge, tile
from explorer.topics.inside_network.comparison import Pair, read_pair
from explorer.topics.inside_network.figures import code_bars_figure
from explorer.topics.inside_network.following import Following, shipped_following
from explorer.topics.inside_network.layers import LayerTrace, pick_channels, shown_maps
from explorer.ui.shared.resources import pretrained_store
from explorer.ui.shared.style import show_chart

SCALE = 4  # screen pixels per map pixel, the same for every layer: each map is drawn at its true size
CHANNELS_SHOWN = 4  # maps per layer: enough to compare, few enough to read
TIMES = "\u00a0×\u00a0"  # "7 × 7" kept on one line in a narrow column


@st.cache_resource(show_spinner=False)
def inside_pair() -> Pair:
    return read_pair(pretrained_store())


@st.cache_resource(show_spinner=False)
def conv_following() -> Following:
    """How the conv AE's feature maps follow each shift, on the first test digits: measured when the app was built
    (the inside_network_measures group)."""
    return shipped_following(pretrained_store())


def _stack(maps: np.ndarray, channels: np.ndarray) -> np.ndarray:
    """The chosen maps one above another, enlarged by SCALE (grey lines between them)."""
    return enlarge(tile(shown_maps(maps, channels), columns=1, gap=1), SCALE)


def _maps_column(column, heading: str, maps: np.ndarray, mode: str, first: int) -> None:
    channels = pick_channels(maps, mode, first, CHANNELS_SHOWN)
    count, height, width = maps.shape
    numbers = ", ".join(str(int(c) + 1) for c in channels)
    column.markdown(f"**{heading}**  \n{len(channels)} of {count} maps, {height}{TIMES}{width}  \nchannels {numbers}")
    picture = _stack(maps, channels)
    column.image(picture, width=picture.shape[1],
                 alt=f"{heading}: feature maps of channels {numbers}, light where the channel responds")


def show_layer_trace(trace: LayerTrace, mode: str, first: int, key: str) -> None:
    """Input, the encoder's maps, the code as bars, the decoder's maps, the reconstruction: left to right,
    every map at SCALE screen pixels per pixel, so a 7 × 7 map looks a quarter the size of the 28 × 28 input."""
    columns = st.columns([1.1, 0.95, 0.95, 1.5, 0.95, 0.95, 1.1])
    columns[0].markdown(f"**Digit in**  \n{trace.image.shape[0]} × {trace.image.shape[1]} pixels")
    columns[0].image(enlarge(trace.image, SCALE), width=trace.image.shape[1] * SCALE, alt="The digit going in")
    encoder_columns, decoder_columns = columns[1:1 + len(trace.encoder)], columns[4:4 + len(trace.decoder) - 1]
    for number, (column, maps) in enumerate(zip(encoder_columns, trace.encoder, strict=True), start=1):
        _maps_column(column, f"Encoder {number}", maps, mode, first)
    with columns[3]:
        st.markdown(f"**The code**  \n{len(trace.code)} numbers")
        show_chart(code_bars_figure, trace.code, key=f"{key}_code", config={"displayModeBar": False})
    for number, (column, maps) in enumerate(zip(decoder_columns, trace.decoder[:-1], strict=True), start=1):
        _maps_column(column, f"Decoder {number}", maps, mode, first)
    columns[6].markdown(f"**Reconstruction**  \n{trace.reconstruction.shape[0]} × {trace.reconstruction.shape[1]}")
    columns[6].image(enlarge(trace.reconstruction, SCALE), width=trace.reconstruction.shape[1] * SCALE,
                     alt="The conv autoencoder's reconstruction of the digit")
