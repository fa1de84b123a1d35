"""Latent map: click a map of the codes and see the AE and the VAE decode it; see where random codes land."""

from functools import partial

import numpy as np
import streamlit as st

from explorer.core.images import enlarge
from explorer.core.projection import METHODS, locate_codes
from explorer.models.inference import decode
from explorer.topics.latent_map.figures import latent_map_figure
from explorer.topics.latent_map.logic import (
    GROUP,
    INTERPOLATION_STEPS,
    KIND_TITLES,
    KINDS,
    decode_code,
    interpolation_codes,
    selection_from_points,
    spot_code,
    with_fresh_draws,
)
from explorer.topics.own_digit.placement import place_digit
from explorer.ui.errors import report_pretrained_error, show_pretrained_error
from explorer.ui.images import show_digit
from explorer.ui.latent_loaders import bundled_images_and_labels, decoded_plane, load_space
from explorer.ui.loaders import pretrained_store
from explorer.ui.own_digit import own_digit_input

SELECTION = "latent_selection"  # the last click, copied out of the chart's event at once
FRESH_SEED = "latent_fresh_seed"  # None: the shipped draws
METHOD = "latent_projection"

st.title("🗺️ Latent map: where do the codes live?")
st.markdown(
    "Every dot is one of the 5,000 bundled digits, placed by its **code**, the few numbers the encoder "
    "squeezed it into. The left map is a plain autoencoder's, the right one a **VAE**'s, with the same "
    "layers. The black crosses are **random codes**, drawn from the bell curve N(0, I) that a VAE is "
    "trained to fill. **Click** a digit, a cross, or an empty spot, and both decoders draw what is there."
)

with report_pretrained_error():
    info = pretrained_store().group(GROUP)
images, labels = bundled_images_and_labels()


def forget_map_clicks() -> None:
    """Random codes and empty spots belong to one map: a new map or new draws make them meaningless."""
    selection = st.session_state.get(SELECTION)
    if selection is not None and selection.what != "image":
        del st.session_state[SELECTION]


def draw_fresh() -> None:
    st.session_state[FRESH_SEED] = int(np.random.default_rng().integers(1, 2**31))
    if st.session_state.get(METHOD) not in (None, "pca", "latent"):
        st.session_state[METHOD] = "pca"  # fresh codes can be placed exactly only on PCA's plane
        st.session_state["latent_moved_to_pca"] = True
    forget_map_clicks()


def reset_draws() -> None:
    st.session_state[FRESH_SEED] = None
    forget_map_clicks()


def remember_click(kind: str) -> None:
    event = st.session_state.get(f"latent_chart_{kind}")
    selection = selection_from_points(event["selection"]["points"] if event else [], kind)
    if selection is not None:  # an empty event (a double-click, a redrawn figure) keeps the last choice
        st.session_state[SELECTION] = selection


pairs = info["pairs"]
controls = st.columns([2, 3, 2, 2, 2], vertical_alignment="center")
k = controls[0].radio("Code size", sorted(pairs, key=int, reverse=True), format_func=lambda v: f"k = {v}",
                      key="latent_k", horizontal=True, on_change=forget_map_clicks,
                      help="k = 2: the map is the latent plane itself, no projection needed.")
names = {kind: pairs[k][kind] for kind in KINDS}
methods = [m for m in METHODS if m in info["files"][names["ae"]]["maps"]]
if st.session_state.get(METHOD) not in methods:
    st.session_state[METHOD] = methods[0]
method = controls[1].radio("Map", methods, format_func=METHODS.get, key=METHOD, horizontal=True,
                           on_change=forget_map_clicks, disabled=len(methods) == 1)
show_random = controls[2].toggle("Random codes", value=True, key="latent_show_random",
                                 help="Show or hide the black crosses: draws from N(0, I).")
controls[3].button("🎲 New draws", key="latent_fresh", on_click=draw_fresh,
                   help="Draw fresh random codes from N(0, I).")
controls[4].button("Shipped draws", key="latent_reset_draws", on_click=reset_draws,
                   disabled=st.session_state.get(FRESH_SEED) is None)

spaces = {}
with report_pretrained_error():
    for kind in KINDS:
        loaded = load_space(names[kind], kind, method)
        spaces[kind] = loaded.space
        for problem in loaded.replaced:
            show_pretrained_error(problem)
            st.info(f"Meanwhile the {KIND_TITLES[kind]}'s map is computed here by "
                    f"{'its latent plane' if k == '2' else 'PCA'}, which takes a moment and needs no shipped file.")

fresh_seed = st.session_state.get(FRESH_SEED)
if fresh_seed is not None:
    spaces = {kind: with_fresh_draws(space, fresh_seed, len(space.random_codes)) for kind, space in spaces.items()}
if st.session_state.pop("latent_moved_to_pca", False):
    st.info("Fresh random codes can be placed exactly only on a PCA map (UMAP would need its model, "
            "t-SNE a new run of a minute), so the maps switched to PCA.")
if show_random and any(space.random_points is None for space in spaces.values()):
    st.caption("Fresh random codes cannot be placed on this map: switch to PCA to see them.")

selection = st.session_state.get(SELECTION)
mine = own_digit_input("latent")
placements = {kind: place_digit(spaces[kind].model, mine.image, spaces[kind].codes, labels) for kind in KINDS} \
    if mine is not None else {}


def marked_points(kind: str) -> np.ndarray | None:
    """Where the current choice sits on `kind`'s map, to ring it."""
    space = spaces[kind]
    if selection is None:
        return None
    if selection.what == "image":
        return space.latent_map.points[[selection.index]]
    if selection.what == "random" and space.random_points is not None:
        return space.random_points[[selection.index]]
    if selection.what == "spot" and selection.kind == kind:
        return space.latent_map.grid_points()[[selection.index]]
    return None


axis_titles = ("code number 1", "code number 2") if method == "latent" else (
    f"{METHODS[method]} 1", f"{METHODS[method]} 2")
map_columns = st.columns(2)
for kind, column in zip(KINDS, map_columns, strict=True):
    space = spaces[kind]
    with column:
        st.subheader(KIND_TITLES[kind])
        figure = latent_map_figure(
            space.latent_map.points, labels, space.latent_map.grid_points(),
            random_points=space.random_points if show_random else None,
            marked=marked_points(kind), axis_titles=axis_titles,
            own_point=locate_codes(space.latent_map, placements[kind].code[None], space.codes)
            if mine is not None else None,
        )
        st.plotly_chart(figure, key=f"latent_chart_{kind}", on_select=partial(remember_click, kind),
                        selection_mode="points", config={"displaylogo": False})
        if method == "latent":
            st.image(enlarge(decoded_plane(space.name, kind, method), 1), width="stretch",
                     caption=f"The decoded plane: what the {kind.upper()} draws at each place of the map above.")

if method != "latent":
    st.caption(
        f"A flat map hides {int(k) - 2} of the code's {k} numbers: a code far from every real one can still be drawn "
        "on top of the data. The distances under the decodes below are measured with all the numbers."
    )

st.subheader("What you clicked")
if selection is None:
    st.info("Click a coloured dot, a black cross or an empty spot on either map.")
elif selection.what == "image":
    code_pair = {kind: spaces[kind].codes[selection.index] for kind in KINDS}
    cells = st.columns([1, 1, 1, 3])
    with cells[0]:
        show_digit(images[selection.index], f"image #{selection.index}: a {labels[selection.index]}")
    for cell, kind in zip(cells[1:3], KINDS, strict=True):
        with cell:
            show_digit(decode_code(spaces[kind], code_pair[kind]).image, f"{kind.upper()} decode")
    cells[3].markdown(
        "The original, then each model's redrawing of it from its own code. Both are ringed on the maps. "
        "Real images decode well in both models: the difference lies **between** the dots."
    )
else:
    owner = selection.kind
    if selection.what == "random":
        # Both models draw from the same seed, so the AE and the VAE get the same numbers.
        decoded = {kind: decode_code(spaces[kind], spaces[kind].random_codes[selection.index]) for kind in KINDS}
        title = f"random code #{selection.index}"
    else:
        xy = spaces[owner].latent_map.grid_points()[selection.index]
        decoded = {kind: decode_code(spaces[kind], spot_code(spaces[kind], xy)) for kind in KINDS}
        title = f"the spot ({xy[0]:.2f}, {xy[1]:.2f}) of the {owner.upper()}'s map"
    cells = st.columns([1, 1, 1, 3])
    for cell, kind in zip(cells[:2], KINDS, strict=True):
        result = decoded[kind]
        with cell:
            show_digit(result.image, f"{kind.upper()} decode of {title}")
            st.caption(f"{result.nearest_distance:.2f} from the nearest real code "
                       f"(real codes sit ~{result.spacing:.2f} apart)")
    with cells[2].container():
        st.markdown(f"**{title.capitalize()}**, decoded by both models.")
    if selection.what == "random":
        cells[3].markdown(
            "The same random numbers go to both decoders. The AE's codes spread far from the origin, "
            "so a bell-curve draw usually lands **off** its data and decodes to a blur. The VAE was trained "
            "to keep its codes near the origin with a spread of about one, so the same draw lands **among** "
            "its data and decodes to a digit."
        )
    elif spaces[owner].latent_map.exact:
        cells[3].markdown(
            "**Exact inverse.** On this map every spot stands for exactly one code "
            f"({'the plane itself' if method == 'latent' else 'the point of the PCA plane'}), so what you see "
            "is what the decoder makes of that place, holes included."
        )
    else:
        cells[3].markdown(
            f"**Approximate inverse.** {METHODS[method]} cannot be run backwards, so the spot's code is a "
            "weighted mean of the codes placed nearest to it. That always lands **on** the data, so even an "
            "empty spot decodes to a plausible digit here: switch to PCA or k = 2 to see the holes honestly."
        )

if mine is not None:
    st.subheader("Where does your digit land?")
    cells = st.columns([1, 1, 1, 3])
    with cells[0]:
        show_digit(mine.image, "your digit")
    for cell, kind in zip(cells[1:3], KINDS, strict=True):
        with cell:
            show_digit(decode_code(spaces[kind], placements[kind].code).image, f"{kind.upper()} decode")
    lines = []
    for kind in KINDS:
        placement = placements[kind]
        neighbours = ", ".join(str(label) for label in placement.neighbour_labels)
        lines.append(f"- **{KIND_TITLES[kind]}**: the yellow star. Its {len(placement.neighbours)} nearest codes "
                     f"belong to the digits {neighbours}, so to this model yours looks like a **{placement.guess}** "
                     f"({placement.distances[0]:.2f} from the nearest real code).")
    how = "exactly" if spaces["ae"].latent_map.exact else "approximately, among the codes nearest to it"
    cells[3].markdown(f"Your digit's code, placed on both maps ({how}):\n" + "\n".join(lines))

st.subheader("Walk in a straight line between two digits")
pick = st.columns([1, 1, 2], vertical_alignment="bottom")
default_a, default_b = int(np.flatnonzero(labels == 1)[0]), int(np.flatnonzero(labels == 7)[0])
index_a = pick[0].number_input("Image A (#)", 0, len(images) - 1, default_a, key="latent_interp_a")
index_b = pick[1].number_input("Image B (#)", 0, len(images) - 1, default_b, key="latent_interp_b")
pick[2].caption("Tip: click a dot to see its number in the hover label or under 'What you clicked'.")
strip_columns = st.columns([1] + [1] * INTERPOLATION_STEPS + [1])
with strip_columns[0]:
    show_digit(images[index_a], f"A: a {labels[index_a]}")
with strip_columns[-1]:
    show_digit(images[index_b], f"B: a {labels[index_b]}")
for kind in KINDS:
    space = spaces[kind]
    strip = decode(space.model, interpolation_codes(space.codes[index_a], space.codes[index_b]))
    row = st.columns([1] + [1] * len(strip) + [1], vertical_alignment="center")
    row[0].markdown(f"**{kind.upper()}**")
    for cell, image in zip(row[1:-1], strip, strict=True):
        with cell:
            show_digit(image)

with st.expander("What am I looking at?", expanded=True):
    st.markdown(
        """
- **The maps.** A code has k numbers; a screen has two. PCA flattens the codes onto the plane they
  spread most along (a point of the map is exactly one code); UMAP and t-SNE keep neighbours together
  but bend distances, and cannot be run backwards exactly. At k = 2 the code *is* a point of the plane.
- **The holes.** A plain autoencoder only learns to decode the codes its training images produced. Space
  between and around them was never trained, so a code there decodes to a smudge.
- **The VAE's trick.** It encodes each image as a small cloud rather than a point and pays a penalty for
  straying from the bell curve N(0, I). The clouds overlap and fill the space, so a random draw from the
  bell curve decodes to a digit: the VAE can **generate**.
- **The straight line.** Walking between two codes shows whether the space between them is filled: the
  VAE morphs one digit into the other, the AE may pass through shapes that are no digit at all.
"""
    )
