"""The Latent map's live decode on its exact maps: a components v2 component (decoder_component/: forward.js, the
networks; panel.js, the pointer, the keys and the readout) that decodes the code under the pointer with both models
in the browser, with no script run and no message to the server while the pointer moves. Its weights are
published once per server (explorer/ui/server/browser_files.py) and cached by the browser for good."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import streamlit as st

from explorer.models.digit_judge import REAL_ENOUGH
from explorer.topics.latent_map.browser import map_inverse, packed_decoders, packed_judge
from explorer.topics.latent_map.logic import KINDS, LatentSpace
from explorer.ui.latent_map.keys import LIVE_DECODE, chart_key
from explorer.ui.server.browser_files import publish
from explorer.ui.shared.resources import digit_classifier, digit_judge

LIVE_DECODE_ENV = "EXPLORER_LIVE_DECODE"  # "0": the page as it was before it (the benchmark's baseline)
_FILES = Path(__file__).with_name("decoder_component")
_live_decode = st.components.v2.component(
    "latent_live_decode", html=(_FILES / "panel.html").read_text(), css=(_FILES / "panel.css").read_text(),
    js=(_FILES / "forward.js").read_text() + "\n" + (_FILES / "panel.js").read_text())


@st.cache_resource(show_spinner=False)
def decoders_address(names: tuple[str, str], _spaces: dict[str, LatentSpace], _labels: np.ndarray) -> str:
    """The address of both models' decoders and codes (names: the pair's shipped models, the cache's key)."""
    return publish("latent-map-" + "-".join(names),
                   packed_decoders({kind: _spaces[kind].model for kind in KINDS},
                                   {kind: _spaces[kind].codes for kind in KINDS}, _labels))


@st.cache_resource(show_spinner=False)
def judge_address() -> str:
    return publish("digit-judge", packed_judge(digit_classifier(), digit_judge()))


def show_live_decode(spaces: dict[str, LatentSpace], labels: np.ndarray, k: int) -> None:
    """The live decode, for an exact map (the k = 2 plane, or PCA's plane at k = 16)."""
    if os.environ.get(LIVE_DECODE_ENV, "1").strip() == "0":
        return
    place = "code ({x}, {y})" if spaces["ae"].latent_map.method == "latent" else "PCA 1 = {x}, PCA 2 = {y}"
    _live_decode(key=LIVE_DECODE, data={
        "decoders": decoders_address(tuple(spaces[kind].name for kind in KINDS), spaces, labels),
        "judge": judge_address(), "k": k, "place": place, "real_enough": REAL_ENOUGH,
        "maps": {kind: map_inverse(spaces[kind]) for kind in KINDS},
        "charts": {kind: f"st-key-{chart_key(kind)}" for kind in KINDS},
    })
