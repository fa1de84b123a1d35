"""The Latent map page's straight walk: from one dot's code to another's, decoded by both models, with the
digit judge's realism at every step."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.models.digit_judge import REAL_ENOUGH
from explorer.topics.latent_map.export import walk_file_name, walk_gif
from explorer.topics.latent_map.figures import walk_realism_figure
from explorer.topics.latent_map.logic import INTERPOLATION_STEPS, KINDS
from explorer.topics.latent_map.shipped import PairLikeness
from explorer.topics.latent_map.story import walk_pair_label, walk_story
from explorer.ui.latent_map import keys
from explorer.ui.latent_map.likeness import straight_walk
from explorer.ui.latent_map.state import offered_walks, use_walk
from explorer.ui.shared.export import download_gif_button
from explorer.ui.shared.images import show_digit
from explorer.ui.shared.style import show_chart


def show_walk(k: str, method: str, ends: tuple[int, int], images: np.ndarray, labels: np.ndarray,
              likeness: PairLikeness | None) -> None:
    a, b = ends
    st.subheader("Walk in a straight line between two digits")
    walks = offered_walks(k)
    words, pick = st.columns([3, 2], vertical_alignment="center")
    words.markdown("**A** and **B** are the last two dots you clicked, marked on the maps. Each step between "
                   "them decodes a code on the straight line from A's code to B's.")
    pick.selectbox(
        "Or pick a walk where the two models differ most (measured on the test digits)", range(len(walks)),
        index=None, format_func=lambda i: walk_pair_label(walks[i], labels), placeholder="Pick a measured walk…",
        key=keys.walk_choice_key(k), on_change=use_walk, args=(k,), disabled=not walks)
    widths = [1.2] + [1] * INTERPOLATION_STEPS  # a label, then the steps: A's decode first, B's last
    ends_row = st.columns(widths, vertical_alignment="center")
    ends_row[0].markdown("**The images**")
    for cell, index, end in ((ends_row[1], a, "A"), (ends_row[-1], b, "B")):
        with cell:
            show_digit(images[index], f"{end}: #{index}", alt=f"{end}: image #{index}, a {labels[index]}")
    walk_images, walk_realism = straight_walk(k, method, a, b)
    for kind in KINDS:
        row = st.columns(widths, vertical_alignment="center")
        row[0].markdown(f"**{kind.upper()}**")
        steps = len(walk_images[kind])
        for step, (cell, image) in enumerate(zip(row[1:], walk_images[kind], strict=True)):
            with cell:
                show_digit(image, alt=f"The {kind.upper()}'s decode at step {step} of {steps - 1} from A to B "
                                      f"(the digit judge's realism {walk_realism[kind][step]:.2f})")
    chart, story = st.columns([3, 2])
    with chart:
        show_chart(walk_realism_figure, walk_realism, REAL_ENOUGH, key=keys.WALK_CHART,
                   config={"displaylogo": False})
    story.markdown(
        f"How real the digit judge finds each step (at or above the dotted line, {REAL_ENOUGH:g}: judged real). "
        f"Lowest between the two ends on this walk: AE **{walk_realism['ae'][1:-1].min():.2f}**, VAE "
        f"**{walk_realism['vae'][1:-1].min():.2f}**."
        + ("\n\n" + walk_story(likeness.verdicts.walks) if likeness is not None else "")
    )
    with story:
        download_gif_button(keys.WALK_GIF, (k, method, a, b), lambda: walk_gif(walk_images, a, b),
                            walk_file_name(k, a, b), help="This walk, both models' decodes side by side, as a GIF.")
