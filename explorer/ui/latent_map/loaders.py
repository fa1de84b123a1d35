"""The Latent map page's shipped arrays, read once for every session, with a fallback for broken files.

A missing or corrupt codes or map file is reported (the page names it) and replaced by the same
thing computed on the spot: codes by running the encoder, the map by PCA, which takes well under
a second, unlike UMAP or t-SNE.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from explorer.checkpoints.store import MANIFEST_NAME, PretrainedFileError
from explorer.core.projection import LatentMap, draw_random_codes, latent_plane_map, pca_map
from explorer.models.inference import embed
from explorer.topics.latent_map.logic import GROUP, KIND_TITLES, KINDS, LatentSpace, bundled_order, typical_spacing
from explorer.ui.shared.errors import report_pretrained_error, show_pretrained_error
from explorer.ui.shared.resources import bundled_data, pretrained_model, pretrained_store, shipped_latent_codes


@dataclass(frozen=True)
class LoadedSpace:
    space: LatentSpace
    replaced: list[PretrainedFileError]  # shipped files that could not be used, so were computed here instead


@st.cache_resource(show_spinner=False)
def bundled_images_and_labels() -> tuple[np.ndarray, np.ndarray]:
    """All bundled images in the order the shipped codes use: train split, then test split."""
    return bundled_order(bundled_data())


@st.cache_resource(show_spinner="Encoding all 5,000 digits (the shipped codes could not be used)…")
def computed_codes(name: str) -> tuple[np.ndarray, np.ndarray]:
    codes = embed(pretrained_model(name), bundled_images_and_labels()[0])
    draws = pretrained_store().group(GROUP)["random_draws"]
    return codes, draw_random_codes(draws["count"], codes.shape[1], draws["seed"])


@st.cache_resource(show_spinner="Reading the shipped map…")
def shipped_map(name: str, method: str) -> LatentMap:
    file = pretrained_store().group(GROUP)["files"][name]["maps"].get(method)
    if file is None:
        raise PretrainedFileError(pretrained_store().root / MANIFEST_NAME,
                                  f"the manifest lists no {method} map for {name}")
    arrays = pretrained_store().load_arrays(file)
    try:
        return LatentMap.from_arrays(method, arrays)
    except ValueError as error:
        raise PretrainedFileError(pretrained_store().root / file, str(error)) from None


@st.cache_resource(show_spinner="Projecting the codes by PCA (the shipped map could not be used)…")
def computed_map(name: str, codes_source: str) -> LatentMap:
    """The exact map computed on the spot: the latent plane for k = 2, else PCA."""
    codes, random_codes = (shipped_latent_codes if codes_source == "shipped" else computed_codes)(name)
    return latent_plane_map(codes, random_codes) if codes.shape[1] == 2 else pca_map(codes, random_codes)


@st.cache_resource(show_spinner=False)
def load_space(name: str, kind: str, method: str) -> LoadedSpace:
    """The model's latent space on the chosen map, and the shipped files that had to be replaced.
    Raises PretrainedFileError only when the model's weights themselves cannot be used."""
    replaced: list[PretrainedFileError] = []
    model = pretrained_model(name)
    codes_source = "shipped"
    try:
        codes, random_codes = shipped_latent_codes(name)
    except PretrainedFileError as error:
        replaced.append(error)
        codes_source = "computed"
        codes, random_codes = computed_codes(name)
    try:
        latent_map = shipped_map(name, method) if codes_source == "shipped" else computed_map(name, codes_source)
    except PretrainedFileError as error:
        replaced.append(error)
        latent_map = computed_map(name, codes_source)
    space = LatentSpace(name, kind, model, codes, latent_map, random_codes, latent_map.random_points,
                        typical_spacing(codes))
    return LoadedSpace(space, replaced)


def load_spaces(names: dict[str, str], method: str, k: str) -> dict[str, LatentSpace]:
    """Both models' latent spaces on the chosen map; each shipped file that had to be replaced is named, with
    what the page computed instead."""
    spaces = {}
    with report_pretrained_error():
        for kind in KINDS:
            loaded = load_space(names[kind], kind, method)
            spaces[kind] = loaded.space
            for problem in loaded.replaced:
                show_pretrained_error(problem)
                st.info(f"Meanwhile the {KIND_TITLES[kind]}'s map is computed here by "
                        f"{'its latent plane' if k == '2' else 'PCA'}, which takes a moment and needs no shipped file.")
    return spaces
