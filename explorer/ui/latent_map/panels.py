"""The Latent map page's results: what a click on a map decodes (shown beside the maps, so that it is in view
without scrolling), and where the student's own digit lands."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.models.digit_judge import REAL_ENOUGH
from explorer.models.placement import Placement
from explorer.topics.latent_map.likeness import top_confidences
from explorer.topics.latent_map.logic import (
    KINDS,
    Decoded,
    LatentSpace,
    Selection,
    SelectionKind,
    decode_code,
    spot_code,
)
from explorer.topics.latent_map.shipped import PairLikeness
from explorer.topics.latent_map.story import distance_story, spot_story
from explorer.ui.latent_map.likeness import median_gap_multiple
from explorer.ui.shared.images import show_digit
from explorer.ui.shared.resources import digit_classifier, digit_judge

NOTHING_CLICKED = "Click a coloured dot, a black cross or an empty spot on either map: what the models decode there " \
                  "shows here."


def show_click(selection: Selection | None, spaces: dict[str, LatentSpace], images: np.ndarray, labels: np.ndarray,
               likeness: PairLikeness | None, spans: dict[str, str] | None, method_name: str | None,
               walk: tuple[int, int]) -> None:
    """The result of the last click. spans: each model's axes span on an exact map, else None; method_name:
    None on an exact map, else the name of the map that can only be inverted approximately."""
    if selection is None:
        st.info(NOTHING_CLICKED)
    elif selection.what == SelectionKind.IMAGE:
        _show_image(selection.index, spaces, images, labels, likeness, walk)
    elif selection.what == SelectionKind.RANDOM:
        _show_random(selection.index, spaces, labels)
    else:
        _show_spot(selection, spaces, labels, spans, method_name)


def _verdicts(images: list[np.ndarray]) -> list[str]:
    """Per image, the digit judge's verdict in words, the classifier's confidence beside it."""
    batch = np.concatenate([np.reshape(image, (-1, 28, 28)) for image in images])
    realism, sure = digit_judge().realism(batch), top_confidences(digit_classifier(), batch)
    return [f"**{'judged real' if value >= REAL_ENOUGH else 'not judged real'}** (realism {value:.2f}; the "
            f"classifier's confidence {confidence:.2f})" for value, confidence in zip(realism, sure, strict=True)]


def _show_image(index: int, spaces: dict[str, LatentSpace], images: np.ndarray, labels: np.ndarray,
                likeness: PairLikeness | None, walk: tuple[int, int]) -> None:
    st.markdown(f"**Image #{index}, a {labels[index]}**, and its reconstructions: encoded and decoded by each model.")
    outputs = [decode_code(spaces[kind], spaces[kind].codes[index]).image for kind in KINDS]
    verdicts = _verdicts(outputs)
    cells = st.columns(3)
    with cells[0]:
        show_digit(images[index], "image", alt=f"Image #{index}, a {labels[index]}")
    for cell, kind, output in zip(cells[1:], KINDS, outputs, strict=True):
        with cell:
            show_digit(output, kind.upper(), alt=f"The {kind.upper()}'s reconstruction of image #{index}")
    text = f"The digit judge on the reconstructions: AE {verdicts[0]}, VAE {verdicts[1]}"
    if likeness is not None:
        made = likeness.verdicts.sets
        text += (f". Over {made['ae_redrawn'].images:,} held-out digits it calls real AE "
                 f"{made['ae_redrawn'].share_real:.0%}, VAE {made['vae_redrawn'].share_real:.0%} of the "
                 f"reconstructions, and {likeness.verdicts.real.share_real:.0%} of the real digits")
    st.markdown(text + ".")
    if walk[1] == index:
        st.markdown(f"The straight walk below now runs from **A**, #{walk[0]}, to this digit, **B**: click "
                    "another dot to walk on.")


def _distance_line(kind: str, found: Decoded, verdict: str, labels: np.ndarray) -> str:
    return (f"- **{kind.upper()}**: {verdict}; {found.gaps:.1f}× its usual gap from the "
            f"nearest real code (image #{found.nearest_image}, a {labels[found.nearest_image]})")


def _show_random(index: int, spaces: dict[str, LatentSpace], labels: np.ndarray) -> None:
    k = spaces["ae"].codes.shape[1]
    st.markdown(f"**Random code #{index}**: {k} numbers drawn from N(0, I), decoded by each model.")
    found = {kind: decode_code(spaces[kind], spaces[kind].random_codes[index]) for kind in KINDS}
    verdicts = _verdicts([found[kind].image for kind in KINDS])
    for cell, kind in zip(st.columns(2), KINDS, strict=True):
        with cell:
            show_digit(found[kind].image, f"{kind.upper()} decode",
                       alt=f"The {kind.upper()}'s decode of random code #{index}")
    st.markdown("\n".join(_distance_line(kind, found[kind], verdict, labels)
                          for kind, verdict in zip(KINDS, verdicts, strict=True)))
    method = spaces["ae"].latent_map.method
    st.markdown(distance_story({kind: median_gap_multiple(spaces[kind].name, kind, method) for kind in KINDS}))


def _show_spot(selection: Selection, spaces: dict[str, LatentSpace], labels: np.ndarray,
               spans: dict[str, str] | None, method_name: str | None) -> None:
    owner = selection.kind
    space = spaces[owner]
    found = decode_code(space, spot_code(space, space.latent_map.grid_points()[selection.index]))
    st.markdown(f"**A spot on the {owner.upper()}'s map**, decoded by the {owner.upper()}.")
    cells = st.columns([1, 2])
    with cells[0]:
        show_digit(found.image, f"{owner.upper()} decode", alt=f"The {owner.upper()}'s decode of the spot clicked")
    cells[1].markdown(_distance_line(owner, found, _verdicts([found.image])[0], labels))
    st.markdown(spot_story(owner, spans, method_name))


def show_own_digit(digit_image: np.ndarray, spaces: dict[str, LatentSpace], placements: dict[str, Placement],
                   exact: bool) -> None:
    """Where the student's digit lands on both maps (the yellow star), and what each model makes of it."""
    st.subheader("Where does your digit land?")
    cells = st.columns([1, 1, 1, 3])
    with cells[0]:
        show_digit(digit_image, "your digit", alt="Your digit")
    for cell, kind in zip(cells[1:3], KINDS, strict=True):
        with cell:
            show_digit(decode_code(spaces[kind], placements[kind].code).image, f"{kind.upper()} reconstruction",
                       alt=f"The {kind.upper()}'s reconstruction of your digit, which looks to it like a "
                           f"{placements[kind].guess}")
    lines = []
    for kind in KINDS:
        placement = placements[kind]
        neighbours = ", ".join(str(label) for label in placement.neighbour_labels)
        lines.append(f"- **{kind.upper()}**: the yellow star. Its {len(placement.neighbours)} nearest codes "
                     f"belong to the digits {neighbours}, so to this model yours looks like a **{placement.guess}** "
                     f"({placement.distances[0] / spaces[kind].spacing:.1f}× the usual gap from the nearest "
                     "real code).")
    how = "exactly" if exact else "approximately, among the codes nearest to it"
    cells[3].markdown(f"Your digit's code, placed on both maps ({how}):\n" + "\n".join(lines))
