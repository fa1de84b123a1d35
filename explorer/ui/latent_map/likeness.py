"""The Latent map page's evidence of digit-likeness, made once per server: the shipped measurements (the digit
judge's verdicts, and the classifier's confidence beside them), the tinted pictures drawn from them, and the
run-time measurements the page's sentences quote."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.checkpoints.store import MANIFEST_NAME, PretrainedFileError
from explorer.models.digit_judge import JUDGE_GROUP
from explorer.models.inference import decode
from explorer.topics.latent_map.logic import GROUP, interpolation_codes, manifold_cells
from explorer.topics.latent_map.measures import (
    SizeDistortion,
    gap_multiples,
    group_widths,
    most_exaggerated,
)
from explorer.topics.latent_map.pictures import clearness, tinted_tiles
from explorer.topics.latent_map.sampling import STRIP_SHOWN, STRIPS
from explorer.topics.latent_map.shipped import PairLikeness, PairVerdicts, pair_likeness, pair_verdicts
from explorer.ui.latent_map.loaders import bundled_images_and_labels, load_space
from explorer.ui.shared.resources import digit_judge, pretrained_store


def shipped_verdicts(k: str) -> PairVerdicts:
    """The digit judge's verdicts on the pair, from the digit_judge group."""
    store = pretrained_store()
    group = store.group(JUDGE_GROUP)
    try:
        file = group["latent_map"][k]["file"]
        return pair_verdicts(group, k, store.load_arrays(file))
    except KeyError as error:
        raise PretrainedFileError(store.root / MANIFEST_NAME, f"the digit_judge group's verdicts on the Latent map "
                                  f"lack {error} for k = {k}",
                                  rebuild="python scripts/train_pretrained.py --only digit_judge") from None


@st.cache_resource(show_spinner="Reading the shipped digit-likeness scores…")
def shipped_likeness(k: str) -> PairLikeness:
    store = pretrained_store()
    group = store.group(GROUP)
    try:
        file = group["digit_likeness"][k]["file"]
    except KeyError:
        raise PretrainedFileError(store.root / MANIFEST_NAME, "the latent_map group holds no digit-likeness "
                                  f"scores for k = {k} (a build older than the page)",
                                  rebuild="python scripts/train_pretrained.py --only latent_map") from None
    try:
        return pair_likeness(group, k, store.load_arrays(file), shipped_verdicts(k))
    except KeyError as error:
        raise PretrainedFileError(store.root / file, str(error).strip("'\"")) from None


@st.cache_resource(show_spinner=False)
def strip_pictures(k: str) -> dict[str, np.ndarray]:
    """Each strip's first decodes, tinted by the digit judge's realism: one picture per strip."""
    likeness = shipped_likeness(k)
    return {strip.key: tinted_tiles(likeness.strip_images(strip.key),
                                    clearness(likeness.verdicts.realism(strip.key)[:STRIP_SHOWN]), STRIP_SHOWN)
            for strip in STRIPS}


@st.cache_resource(show_spinner=False)
def tinted_plane(name: str, kind: str, method: str, k: str) -> np.ndarray:
    """The decoded plane of an exact map (PCA, or k = 2), each decode tinted by the digit judge's realism."""
    likeness = shipped_likeness(k)
    cells = manifold_cells(load_space(name, kind, method).space.latent_map)
    return tinted_tiles(likeness.plane_images(kind), clearness(likeness.verdicts.grid(kind)[cells]),
                        int(np.sqrt(len(cells))), gap=0, bottom_up=True, factor=1)


@st.cache_resource(show_spinner=False)
def median_gap_multiple(name: str, kind: str, method: str) -> float:
    """The middle distance of the shipped N(0, I) draws from the nearest real code, in the model's usual gaps."""
    space = load_space(name, kind, method).space
    return float(np.median(gap_multiples(space.random_codes, space.codes, space.spacing)))


@st.cache_resource(show_spinner=False)
def size_distortion(name: str, kind: str, method: str) -> SizeDistortion:
    space = load_space(name, kind, method).space
    labels = bundled_images_and_labels()[1]
    return most_exaggerated(group_widths(space.codes, labels), group_widths(space.latent_map.points, labels))


@st.cache_resource(show_spinner=False, max_entries=64)
def straight_walk(k: str, method: str, a: int, b: int) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Both models' decodes along the straight line from image a's code to image b's, and the digit judge's
    realism of each, by kind: kept per server, so a click elsewhere on the page does not redo them."""
    decodes = {}
    for kind, name in pretrained_store().group(GROUP)["pairs"][k].items():
        space = load_space(name, kind, method).space
        decodes[kind] = decode(space.model, interpolation_codes(space.codes[a], space.codes[b]))
    realism = digit_judge().realism(np.concatenate(list(decodes.values())))
    return decodes, dict(zip(decodes, np.split(realism, len(decodes)), strict=True))
