"""The Latent map page's controls, in one row: the code size, the map, the random codes and their draws."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from explorer.core.projection import METHODS
from explorer.topics.latent_map.logic import KINDS
from explorer.ui.latent_map import keys
from explorer.ui.latent_map.state import change_k, draw_fresh, forget_map_clicks, reset_draws
from explorer.ui.shared.view_link import ViewLink, ViewParam


@dataclass(frozen=True)
class MapChoice:
    k: str  # the code size, as the manifest names it
    method: str  # a key of METHODS
    show_random: bool
    names: dict[str, str]  # the shipped model of each kind ("ae", "vae") at this k


def link_params(pairs: dict, images: int) -> list[ViewParam]:
    """The page's settings in a view link; `pairs`: the shipped models by code size, `images`: how many dots."""
    return [ViewParam("k", keys.K, options=list(pairs)),
            ViewParam("map", keys.METHOD, options=list(METHODS)),
            ViewParam("random", keys.SHOW_RANDOM, bool),
            ViewParam("draws", keys.FRESH_SEED, int, low=1, high=2**31 - 1),
            ViewParam("a", keys.WALK_A, int, low=0, high=images - 1),
            ViewParam("b", keys.WALK_B, int, low=0, high=images - 1)]


def map_controls(view: ViewLink, pairs: dict, files: dict) -> MapChoice:
    """`files`: the shipped files of each model, which say which maps were made for it."""
    controls = st.columns([2, 3, 2, 1.7, 1.7], vertical_alignment="center")
    k = view.control(controls[0].radio, "Code size", sorted(pairs, key=int, reverse=True),
                     format_func=lambda v: f"k = {v}", key=keys.K, horizontal=True, on_change=change_k, args=(pairs,),
                     help="The number of numbers in a code. k = 2: the map is the code's own plane, no "
                          "projection needed.")
    names = {kind: pairs[k][kind] for kind in KINDS}
    methods = [m for m in METHODS if m in files[names["ae"]]["maps"]]
    if st.session_state.get(keys.METHOD) not in methods:
        st.session_state[keys.METHOD] = methods[0]
    method = view.control(
        controls[1].radio,
        "Map", methods, format_func=METHODS.get, key=keys.METHOD, horizontal=True, on_change=forget_map_clicks,
        disabled=len(methods) == 1,
        help="PCA lays the codes flat on the slice they spread most along: each point of the map is exactly one "
             "code. UMAP and t-SNE are two methods that lay the codes out so that each keeps its nearest "
             "neighbours close, bending larger distances to do it.")
    show_random = view.control(controls[2].toggle, "Random codes", value=True, key=keys.SHOW_RANDOM,
                               help="Show or hide the black crosses: codes drawn at random from N(0, I).")
    controls[3].button("🎲 New draws", key=keys.NEW_DRAWS, on_click=draw_fresh, disabled=view.locked(keys.FRESH_SEED),
                       help="Draw fresh random codes from N(0, I).")
    controls[4].button("Shipped draws", key=keys.SHIPPED_DRAWS, on_click=reset_draws,
                       disabled=st.session_state.get(keys.FRESH_SEED) is None or view.locked(keys.FRESH_SEED))
    return MapChoice(k, method, show_random, names)
