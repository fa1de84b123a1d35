"""Latent map: where a plain autoencoder and a VAE put their codes (two clickable maps, shaded by the digit
classifier's doubt), what each model decodes where the student clicks, a straight walk between the last two
dots clicked, and, deeper, whether random codes make new digits."""

from functools import partial

import numpy as np
import streamlit as st

from explorer.core.projection import METHODS, locate_codes
from explorer.models.placement import place_digit
from explorer.topics.latent_map.figures import colour_key, latent_map_figure
from explorer.topics.latent_map.logic import GROUP, KIND_TITLES, KINDS, with_fresh_draws
from explorer.topics.latent_map.story import axes_span, look_for_text
from explorer.ui.latent_map.deeper import shading, show_planes, show_reading_guide, show_sampling
from explorer.ui.latent_map.likeness import shipped_likeness
from explorer.ui.latent_map.loaders import bundled_images_and_labels, load_space
from explorer.ui.latent_map.panels import show_click, show_own_digit
from explorer.ui.latent_map.predictions import latent_map_prediction
from explorer.ui.latent_map.state import (
    FRESH_SEED,
    METHOD,
    MOVED_TO_PCA,
    SELECTION,
    WALK_A,
    WALK_B,
    change_k,
    chart_key,
    draw_fresh,
    forget_map_clicks,
    keep_whole_walk,
    remember_click,
    reset_draws,
    walk_ends,
)
from explorer.ui.latent_map.walk import show_walk
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error, show_pretrained_error
from explorer.ui.shared.own_digit import own_digit, own_digit_input
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import pretrained_store
from explorer.ui.shared.style import show_figure
from explorer.ui.shared.view_link import ViewLink, ViewParam

PAGE = "app_pages/latent_map.py"
MAP_HEIGHT = 400  # px: the maps, the page's title and its controls fit a 1366 x 768 laptop screen

page_header("🗺️ Latent map", "Where does each model put its codes, and what does it decode between them?")
predict_first(latent_map_prediction)

with report_pretrained_error():
    info = pretrained_store().group(GROUP)
images, labels = bundled_images_and_labels()
pairs = info["pairs"]

# --- the controls, in one row ---
view = ViewLink(PAGE)
view.restore(ViewParam("k", "latent_k", options=list(pairs)),
             ViewParam("map", METHOD, options=list(METHODS)),
             ViewParam("random", "latent_show_random", bool),
             ViewParam("draws", FRESH_SEED, int, low=1, high=2**31 - 1),
             ViewParam("a", WALK_A, int, low=0, high=len(images) - 1),
             ViewParam("b", WALK_B, int, low=0, high=len(images) - 1))
keep_whole_walk()
controls = st.columns([2, 3, 2, 1.7, 1.7], vertical_alignment="center")
k = view.control(controls[0].radio, "Code size", sorted(pairs, key=int, reverse=True), format_func=lambda v: f"k = {v}",
                      key="latent_k", horizontal=True, on_change=change_k, args=(pairs,),
                      help="The number of numbers in a code. k = 2: the map is the code's own plane, no "
                           "projection needed.")
names = {kind: pairs[k][kind] for kind in KINDS}
methods = [m for m in METHODS if m in info["files"][names["ae"]]["maps"]]
if st.session_state.get(METHOD) not in methods:
    st.session_state[METHOD] = methods[0]
method = view.control(
    controls[1].radio,
    "Map", methods, format_func=METHODS.get, key=METHOD, horizontal=True, on_change=forget_map_clicks,
    disabled=len(methods) == 1,
    help="PCA lays the codes flat on the slice they spread most along: each point of the map is exactly one "
         "code. UMAP and t-SNE are two methods that lay the codes out so that each keeps its nearest "
         "neighbours close, bending larger distances to do it.")
show_random = view.control(controls[2].toggle, "Random codes", value=True, key="latent_show_random",
                                 help="Show or hide the black crosses: codes drawn at random from N(0, I).")
controls[3].button("🎲 New draws", key="latent_fresh", on_click=draw_fresh, disabled=view.locked(FRESH_SEED),
                   help="Draw fresh random codes from N(0, I).")
controls[4].button("Shipped draws", key="latent_reset_draws", on_click=reset_draws,
                   disabled=st.session_state.get(FRESH_SEED) is None or view.locked(FRESH_SEED))

spaces = {}
with report_pretrained_error():
    for kind in KINDS:
        loaded = load_space(names[kind], kind, method)
        spaces[kind] = loaded.space
        for problem in loaded.replaced:
            show_pretrained_error(problem)
            st.info(f"Meanwhile the {KIND_TITLES[kind]}'s map is computed here by "
                    f"{'its latent plane' if k == '2' else 'PCA'}, which takes a moment and needs no shipped file.")
likeness = None
with report_pretrained_error(stop=False):  # the maps need no scores: only their shading and the stories do
    likeness = shipped_likeness(k)

fresh_seed = st.session_state.get(FRESH_SEED)
if fresh_seed is not None:
    spaces = {kind: with_fresh_draws(space, fresh_seed, len(space.random_codes)) for kind, space in spaces.items()}
if st.session_state.pop(MOVED_TO_PCA, False):
    st.info("Fresh random codes can be placed exactly only on a PCA map (UMAP would need its model, "
            "t-SNE a new run of a minute), so the maps switched to PCA.")
if show_random and any(space.random_points is None for space in spaces.values()):
    st.caption("Fresh random codes cannot be placed on this map: switch to PCA to see them.")

# --- the main picture: both maps, and beside them what the last click decodes ---
mine = own_digit()  # drawn or uploaded below (or on another page): its star goes on the maps
placements = {kind: place_digit(spaces[kind].model, mine.image, spaces[kind].codes, labels) for kind in KINDS} \
    if mine is not None else {}
walk = walk_ends(k, labels)
selection = st.session_state.get(SELECTION)
exact = spaces["ae"].latent_map.exact
spans = {kind: axes_span(spaces[kind].latent_map.extent) for kind in KINDS} if exact else None


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


axis_titles = ("dimension 1 of the code", "dimension 2 of the code") if method == "latent" else (
    f"{METHODS[method]} 1", f"{METHODS[method]} 2")
maps, panel = st.columns([2, 0.85])
maps.markdown(colour_key(), unsafe_allow_html=True)
for kind, column in zip(KINDS, maps.columns(2), strict=True):
    space = spaces[kind]
    with column:
        scale = f"axes from {spans[kind]}" if spans else f"{METHODS[method]}: axes without a unit"
        st.markdown(f"**{KIND_TITLES[kind]}**  \n{scale}")
        figure = latent_map_figure(
            space.latent_map.points, labels, space.latent_map.grid_points(),
            random_points=space.random_points if show_random else None,
            marked=marked_points(kind), axis_titles=axis_titles, shading=shading(likeness, space),
            own_point=locate_codes(space.latent_map, placements[kind].code[None], space.codes)
            if mine is not None else None,
            walk_ends=space.latent_map.points[list(walk)], walk_line=exact, height=MAP_HEIGHT,
        )
        show_figure(figure, key=chart_key(kind), on_select=partial(remember_click, kind), selection_mode="points",
                    config={"displaylogo": False})
with panel:
    show_click(selection, spaces, images, labels, likeness, spans, None if exact else METHODS[method], walk)

look_for(look_for_text(METHODS[method], spans))
show_walk(k, method, walk, images, labels, likeness)

if own_digit_input("latent") is not mine:
    st.rerun()  # a digit drawn or uploaded just now: the maps above must show its star
if mine is not None:
    show_own_digit(mine.image, spaces, placements, exact)

with deeper():
    if likeness is not None:
        show_sampling(k, likeness, spaces)
    show_planes(k, method, likeness, spaces)
    show_reading_guide()

view.finish()
next_link(PAGE)
