"""VQ-VAE: a digit as a 7 x 7 grid of tokens from a learned codebook; click a cell, change its token, decode."""

import hashlib

import streamlit as st

from explorer.core.images import enlarge
from explorer.models.inference import per_image_mse
from explorer.topics.vqvae import editing
from explorer.topics.vqvae.figures import code_colours, distance_figure, token_grid_figure, vector_figure
from explorer.topics.vqvae.logic import decode_grids, distances, encode, filled
from explorer.ui.shared.anatomy import look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.images import show_digit
from explorer.ui.shared.own_digit import own_digit, own_digit_input
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import bundled_data
from explorer.ui.shared.style import show_figure
from explorer.ui.shared.view_link import ViewLink, ViewParam
from explorer.ui.vqvae.deeper import show_deeper
from explorer.ui.vqvae.loaders import codebook, vq_model, vqvae_group
from explorer.ui.vqvae.predictions import vqvae_prediction

PAGE = "app_pages/vqvae.py"
STATE = "vq_state"  # the student's GridState
CELL_CODE = "vq_cell_code"  # the number input of the selected cell's code index

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
K = model.config.codebook_size
colours = code_colours(book.plane)
data = bundled_data()
dead = set(book.usage.dead.tolist())


def state() -> editing.GridState:
    return st.session_state[STATE]


def update(new: editing.GridState) -> None:
    st.session_state[STATE] = new
    st.session_state[CELL_CODE] = new.code  # the number input follows the selected cell


def on_cell_code() -> None:
    update(editing.put(state(), int(st.session_state[CELL_CODE])))


def on_click() -> None:
    event = st.session_state.get("vq_grid_chart")
    cell = editing.clicked_cell(event["selection"]["points"] if event else [])
    if cell is not None:  # an empty event (a redrawn figure) keeps the selected cell
        update(editing.select(state(), *cell))
        st.session_state["vq_swap_a"] = state().code


@st.fragment
def editor() -> None:
    """The controls, the grid, the decode and the selected cell: a fragment, so that an edit reruns only this."""
    mine = own_digit()
    view = ViewLink(PAGE)  # here, not at the page's top: an edit reruns only this fragment, and its URL with it
    view.restore(ViewParam("digit", "vq_digit", int, low=0, high=len(data.test_images) - 1))
    controls = st.columns([1, 0.9, 1, 1, 0.75, 0.75, 0.95] if mine is not None else [1, 1, 1, 0.75, 0.75, 0.95],
                          vertical_alignment="bottom")
    use_own = mine is not None and controls.pop(1).toggle("My digit", key="vq_use_own",
                                                           help="Encode the digit you drew or uploaded below.")
    index = view.control(controls[0].number_input, "Test digit #", min_value=0,
                         max_value=len(data.test_images) - 1, value=0, step=1, key="vq_digit", disabled=use_own,
                         help=f"One of the {len(data.test_images):,} test digits: the model never trained on them.")
    image = mine.image if use_own else data.test_images[int(index)]
    source = f"own {hashlib.sha1(image.tobytes()).hexdigest()}" if use_own else f"test {int(index)}"

    encoding = encode(model, image[None])
    if STATE not in st.session_state or state().source != source:
        previous = st.session_state.get(STATE)
        update(editing.fresh(source, encoding.tokens[0], previous.cell if previous else editing.FIRST_CELL))

    controls[1].button("🎲 Randomise", key="vq_random", width="stretch",
                       on_click=lambda: update(editing.randomise(state(), K)),
                       help="Draw all 49 tokens uniformly at random from the whole codebook.")
    controls[2].button("↩️ Undo edits", key="vq_reset", width="stretch",
                       on_click=lambda: update(editing.reset(state())),
                       help="Undo every edit: the tokens the encoder chose for this digit.")
    st.session_state.setdefault("vq_swap_a", state().code)
    st.session_state.setdefault("vq_swap_b", (state().code + 1) % K)
    controls[3].number_input("Swap code a", 0, K - 1, key="vq_swap_a")
    controls[4].number_input("for code b", 0, K - 1, key="vq_swap_b")
    controls[5].button("Swap a → b", key="vq_swap", width="stretch",
                       on_click=lambda: update(editing.swap_all(state(), int(st.session_state.vq_swap_a),
                                                                int(st.session_state.vq_swap_b))))

    now = state()
    row, column = now.cell
    decoded = decode_grids(model, now.grid)[0]
    vector = encoding.vectors[0, row, column]
    nearest = int(encoding.tokens[0, row, column])
    distance = distances(vector, book.entries)

    grid_side, pictures, panel = st.columns([1.05, 0.5, 1.55], gap="small")
    with grid_side:
        st.markdown("**The token grid**: click a cell", help="Each cell is labelled by its code index and coloured "
                    "by where its entry lies on the codebook's map (Go deeper): similar colours, nearby entries. "
                    "Edited cells are in bold italics.")
        show_figure(token_grid_figure(now.grid, colours, now.cell, now.changed), key="vq_grid_chart",
                    on_select=on_click, selection_mode="points", config={"displayModeBar": False})
        show_figure(vector_figure(vector, book.entries[now.code], now.code), key="vq_vector",
                    config={"displayModeBar": False})
    with pictures:
        show_digit(image, "your digit" if use_own else f"test digit #{int(index)}: a {data.test_labels[int(index)]}")
        edits = int(now.changed.sum())
        show_digit(decoded, f"decode of the grid, MSE {per_image_mse(image[None], decoded[None])[0]:.4f}")
        if not edits:
            st.caption(now.last_action.capitalize())
        else:  # a one-cell edit is spelled out beside the cell's input; a swap or a random grid here
            st.caption(f"**{edits} of 49 edited**" + ("" if now.last_action.startswith("row") else
                                                        f": {now.last_action}"))
    with panel:
        edit, drawn = st.columns([2.5, 1])
        with edit:
            st.markdown(f"**Row {row}, column {column}.** The encoder's vector here lies nearest to entry "
                        f"**{nearest}** (distance {distance[nearest]:.2f}): token {nearest}.")
            st.number_input(f"Token in this cell (any code index, 0 to {K - 1})", 0, K - 1, key=CELL_CODE,
                            on_change=on_cell_code, help="Every change decodes the grid again at once.")
        with drawn:
            st.image(enlarge(decode_grids(model, filled(now.code))[0], 3), width=84,
                     caption=f"{now.code} in every cell")
        if now.code in dead:
            st.caption(f"Code {now.code} is **dead**: no cell of the {len(data.test_images):,} test digits chose it. "
                       "It still decodes.")
        elif now.code != nearest:
            st.caption(f"In the cell now: code {now.code} (the black bar), at distance {distance[now.code]:.2f}; "
                       f"the nearest, {nearest}, at {distance[nearest]:.2f}.")
        show_figure(distance_figure(distance, nearest, now.code, book.usage.dead), key="vq_distances",
                    config={"displayModeBar": False})
    view.finish()


editor()
look_for(
    "Change one token and only the part of the decode under that cell and its neighbours changes: each token "
    "stands for a small piece of stroke. Then press **Randomise tokens**: 49 tokens drawn at random decode to "
    "scraps, not a digit. The codebook holds the pieces; something else has to know how they fit together."
)
own_digit_input("vqvae")
show_deeper(group, book, colours, state().code)
next_link(PAGE)
