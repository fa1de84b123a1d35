"""The Latent map page's main picture: both models' clickable maps, side by side, with the last click ringed,
the walk's ends, the random codes and the student's own digit on them."""

from __future__ import annotations

from functools import partial

import numpy as np
import streamlit as st

from explorer.core.projection import METHODS, locate_codes
from explorer.models.placement import Placement
from explorer.topics.latent_map.figures import colour_key, latent_map_figure
from explorer.topics.latent_map.logic import KIND_TITLES, KINDS, LatentSpace, Selection, SelectionKind
from explorer.topics.latent_map.shipped import PairLikeness
from explorer.ui.latent_map.controls import MapChoice
from explorer.ui.latent_map.deeper import shading
from explorer.ui.latent_map.keys import chart_key
from explorer.ui.latent_map.state import remember_click
from explorer.ui.shared.style import show_chart

MAP_HEIGHT = 400  # px: the maps, the page's title and its controls fit a 1366 x 768 laptop screen


def marked_points(selection: Selection | None, space: LatentSpace) -> np.ndarray | None:
    """Where the current choice sits on this space's map, to ring it."""
    if selection is None:
        return None
    if selection.what == SelectionKind.IMAGE:
        return space.latent_map.points[[selection.index]]
    if selection.what == SelectionKind.RANDOM and space.random_points is not None:
        return space.random_points[[selection.index]]
    if selection.what == SelectionKind.SPOT and selection.kind == space.kind:
        return space.latent_map.grid_points()[[selection.index]]
    return None


def show_maps(choice: MapChoice, spaces: dict[str, LatentSpace], labels: np.ndarray, likeness: PairLikeness | None,
              spans: dict[str, str] | None, selection: Selection | None, walk: tuple[int, int],
              placements: dict[str, Placement]) -> None:
    """spans: each model's axes span on an exact map, else None; placements: the student's digit on each model
    (empty without one)."""
    method = choice.method
    axis_titles = ("dimension 1 of the code", "dimension 2 of the code") if method == "latent" else (
        f"{METHODS[method]} 1", f"{METHODS[method]} 2")
    st.markdown(colour_key(), unsafe_allow_html=True)
    for kind, column in zip(KINDS, st.columns(2), strict=True):
        space = spaces[kind]
        with column:
            scale = f"axes from {spans[kind]}" if spans else f"{METHODS[method]}: axes without a unit"
            st.markdown(f"**{KIND_TITLES[kind]}**  \n{scale}")
            build = partial(
                latent_map_figure,
                random_points=space.random_points if choice.show_random else None,
                marked=marked_points(selection, space), axis_titles=axis_titles, shading=shading(likeness, space),
                own_point=locate_codes(space.latent_map, placements[kind].code[None], space.codes)
                if placements else None,
                walk_ends=space.latent_map.points[list(walk)], walk_line=spans is not None, height=MAP_HEIGHT,
            )
            show_chart(build, space.latent_map.points, labels, space.latent_map.grid_points(), key=chart_key(kind),
                       on_select=partial(remember_click, kind),
                       selection_mode="points", config={"displaylogo": False})
