"""VQ-VAE: a digit as a 7 x 7 grid of tokens from a learned codebook; click a cell, change its token, decode."""

import streamlit as st

from explorer.topics.vqvae.figures import code_colours
from explorer.topics.vqvae.logic import decode_grids, distances, encode
from explorer.ui.shared.anatomy import look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.own_digit import own_digit, own_digit_input
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import bundled_data
from explorer.ui.shared.view_link import ViewLink
from explorer.ui.vqvae.controls import RANDOMISE_LABEL, digit_controls, edit_controls
from explorer.ui.vqvae.deeper import show_deeper
from explorer.ui.vqvae.loaders import codebook, vq_model, vqvae_group
from explorer.ui.vqvae.panels import show_cell, show_grid, show_pictures
from explorer.ui.vqvae.predictions import vqvae_prediction
from explorer.ui.vqvae.state import start, state

PAGE = "app_pages/vqvae.py"

page_header("🧩 VQ-VAE: a digit as a grid of tokens",
            "What if the code were a short list of words from a fixed dictionary, instead of numbers?")
predict_first(vqvae_prediction)
st.markdown(
    "A **VQ-VAE** encodes a digit as a 7 × 7 grid of vectors and swaps each for the **nearest** entry of a learned "
    "**codebook**; the decoder turns the grid of entries back into a digit. A cell's code is just its entry's number: "
    "a **token**, or **code index**. **Click a cell**, then change its token."
)

with report_pretrained_error():
    group = vqvae_group()
    model = vq_model()
    book = codebook(group["model"])
colours = code_colours(book.plane)
data = bundled_data()


@st.fragment
def editor() -> None:
    """The controls, the grid, the decode and the selected cell: a fragment, so that an edit reruns only this."""
    view = ViewLink(PAGE)  # here, not at the page's top: an edit reruns only this fragment, and its URL with it
    shown, edits = digit_controls(view, data, own_digit())
    encoding = encode(model, shown.image[None])
    start(shown.source, encoding.tokens[0])
    edit_controls(edits, model.config.codebook_size)

    now = state()
    row, column = now.cell
    vector = encoding.vectors[0, row, column]
    grid_side, pictures, panel = st.columns([1.05, 0.5, 1.55], gap="small")
    with grid_side:
        show_grid(now, colours, vector, book)
    with pictures:
        show_pictures(shown, decode_grids(model, now.grid)[0], now)
    with panel:
        show_cell(model, now, int(encoding.tokens[0, row, column]), distances(vector, book.entries), book,
                  len(data.test_images))
    view.finish()


editor()
look_for(
    "Change one token and only the part of the decode under that cell and its neighbours changes: each token "
    f"stands for a small piece of stroke. Then press **{RANDOMISE_LABEL}**: 49 tokens drawn at random decode to "
    "scraps, not a digit. The codebook holds the pieces; something else has to know how they fit together."
)
own_digit_input("vqvae")
show_deeper(group, book, colours, state().code)
next_link(PAGE)
