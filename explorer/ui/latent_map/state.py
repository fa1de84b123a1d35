"""The Latent map page's session state: the last click on a map, the random draws, and the straight walk's
two ends, which follow the dots the student clicks (the widgets' callbacks live here too)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.checkpoints.store import PretrainedFileError
from explorer.topics.latent_map.logic import (
    LatentSpace,
    Selection,
    SelectionKind,
    selection_from_points,
    with_fresh_draws,
)
from explorer.ui.latent_map.keys import (
    FRESH_SEED,
    METHOD,
    MOVED_TO_PCA,
    SELECTION,
    WALK_A,
    WALK_B,
    WALK_FOLLOWS,
    chart_key,
    walk_choice_key,
)
from explorer.ui.latent_map.likeness import shipped_likeness


def forget_map_clicks() -> None:
    """Random codes and empty spots belong to one map: a new map or new draws make them meaningless."""
    selection = st.session_state.get(SELECTION)
    if selection is not None and selection.what != SelectionKind.IMAGE:
        del st.session_state[SELECTION]


def draw_fresh() -> None:
    st.session_state[FRESH_SEED] = int(np.random.default_rng().integers(1, 2**31))
    if st.session_state.get(METHOD) not in (None, "pca", "latent"):
        st.session_state[METHOD] = "pca"  # fresh codes can be placed exactly only on PCA's plane
        st.session_state[MOVED_TO_PCA] = True
    forget_map_clicks()


def reset_draws() -> None:
    st.session_state[FRESH_SEED] = None
    forget_map_clicks()


def with_session_draws(spaces: dict[str, LatentSpace], show_random: bool) -> dict[str, LatentSpace]:
    """The spaces with this session's fresh random codes, if it drew some, and a word on where they can be shown."""
    fresh_seed = st.session_state.get(FRESH_SEED)
    if fresh_seed is not None:
        spaces = {kind: with_fresh_draws(space, fresh_seed, len(space.random_codes)) for kind, space in spaces.items()}
    if st.session_state.pop(MOVED_TO_PCA, False):
        st.info("Fresh random codes can be placed exactly only on a PCA map (UMAP would need its model, "
                "t-SNE a new run of a minute), so the maps switched to PCA.")
    if show_random and any(space.random_points is None for space in spaces.values()):
        st.caption("Fresh random codes cannot be placed on this map: switch to PCA to see them.")
    return spaces


def remember_click(kind: str) -> None:
    event = st.session_state.get(chart_key(kind))
    selection = selection_from_points(event["selection"]["points"] if event else [], kind)
    if selection is not None:  # an empty event (a double-click, a figure drawn anew) keeps the last choice
        st.session_state[SELECTION] = selection


def offered_walks(k: str) -> list[dict]:
    """The shipped walks on which the two models differ most ([] when the scores cannot be read: the page
    reports why)."""
    try:
        return shipped_likeness(k).verdicts.walks["offered"]
    except PretrainedFileError:
        return []


def change_k(pairs: dict) -> None:
    forget_map_clicks()
    walk = (st.session_state.get(WALK_A), st.session_state.get(WALK_B))
    if walk in {(pair["a"], pair["b"]) for other in pairs for pair in offered_walks(other)}:
        del st.session_state[WALK_A], st.session_state[WALK_B]  # a suggested walk: take the new k's own


def use_walk(k: str) -> None:
    chosen = st.session_state.get(walk_choice_key(k))
    if chosen is not None:
        pair = offered_walks(k)[chosen]
        st.session_state[WALK_A], st.session_state[WALK_B] = pair["a"], pair["b"]


def keep_whole_walk() -> None:
    """A link that named only one end of the walk names none: the walk starts at the measured one."""
    if (WALK_A in st.session_state) != (WALK_B in st.session_state):
        st.session_state.pop(WALK_A, None)
        st.session_state.pop(WALK_B, None)


def walk_ends(k: str, labels: np.ndarray) -> tuple[int, int]:
    """The walk's ends (A, B): at first the measured walk where the two models differ most; then, at each
    click on a dot, B moves to that dot and A to the B before, so the walk joins the last two dots clicked."""
    if WALK_A not in st.session_state:
        walks = offered_walks(k)
        first = walks[0] if walks else {"a": int(np.flatnonzero(labels == 1)[0]),
                                        "b": int(np.flatnonzero(labels == 7)[0])}
        st.session_state[WALK_A], st.session_state[WALK_B] = first["a"], first["b"]
    selection: Selection | None = st.session_state.get(SELECTION)
    clicked_a_dot = selection is not None and selection.what == SelectionKind.IMAGE
    if clicked_a_dot and selection != st.session_state.get(WALK_FOLLOWS):
        st.session_state[WALK_FOLLOWS] = selection
        if selection.index != st.session_state[WALK_B]:
            st.session_state[WALK_A], st.session_state[WALK_B] = st.session_state[WALK_B], selection.index
            st.session_state.pop(walk_choice_key(k), None)  # the suggestion picked before no longer names the walk
    return int(st.session_state[WALK_A]), int(st.session_state[WALK_B])
