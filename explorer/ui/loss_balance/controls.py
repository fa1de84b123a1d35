"""The Loss-balance page's row of controls: β, how each run starts, its settings, and *Train again*. Any move
asks for a new run, trained in that script run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from explorer.core.data import DATASET_TITLES
from explorer.topics.loss_balance.settings import (
    BETA_CHOICES,
    LATENT_CHOICES,
    LIVE_TRAIN_IMAGES,
    REFERENCE_LATENT,
    START_MODES,
    RunSettings,
)
from explorer.topics.loss_balance.story import BETA_HELP
from explorer.ui.loss_balance import keys
from explorer.ui.shared.shortcuts import TRAIN_AGAIN, keys_hint
from explorer.ui.shared.view_link import ViewLink, ViewParam

START_LABELS = {"warm": "Warm", "scratch": "From scratch"}  # short, for the row of controls; START_MODES in help


def request_run() -> None:
    st.session_state[keys.PENDING] = True


def run_requested() -> bool:
    """Whether a control moved since the last script run (asked once: the request is used up)."""
    return st.session_state.pop(keys.PENDING, False)


@dataclass(frozen=True)
class Controls:
    settings: RunSettings
    popover: Any  # the Settings popover, where the page says where the next run starts


def run_controls(view: ViewLink) -> Controls:
    view.restore(ViewParam("beta", keys.BETA, float, options=BETA_CHOICES),
                 ViewParam("start", keys.START, options=list(START_MODES)),
                 ViewParam("k", keys.LATENT, int, options=LATENT_CHOICES),
                 ViewParam("epochs", keys.EPOCHS, int, low=1, high=40),
                 ViewParam("data", keys.DATASET, options=list(DATASET_TITLES)))
    row = st.columns([5, 2.6, 1.2, 1.4], vertical_alignment="bottom")
    beta = view.control(row[0].select_slider, "β, the weight of KL: how far the codes stray from the prior",
                        options=BETA_CHOICES, value=1.0, key=keys.BETA, on_change=request_run, help=BETA_HELP)
    start = view.control(row[1].radio, "Start each run", list(START_MODES), format_func=START_LABELS.get,
                         key=keys.START, horizontal=True, on_change=request_run,
                         help="\n\n".join(f"{START_LABELS[mode]}: {words}." for mode, words in START_MODES.items()))
    popover = row[2].popover("Settings", width="stretch")
    latent_dim = view.control(
        popover.select_slider, "Code size k", options=LATENT_CHOICES, value=REFERENCE_LATENT, key=keys.LATENT,
        on_change=request_run, help=f"Warm starts exist only for k = {REFERENCE_LATENT}, the shipped runs' size.")
    epochs = view.control(popover.slider, "Epochs", 1, 40, 15, key=keys.EPOCHS, on_change=request_run)
    dataset = view.control(popover.selectbox, "Data set", list(DATASET_TITLES), format_func=DATASET_TITLES.get,
                           key=keys.DATASET, on_change=request_run,
                           help="Sets other than the bundled one are downloaded once, then cut to "
                                f"{LIVE_TRAIN_IMAGES:,} training images so an epoch stays short.")
    with row[3]:
        keys_hint(f"Key {TRAIN_AGAIN}")  # above the button, where the other controls have their labels
        if st.button("Train again", key=keys.TRAIN, width="stretch", shortcut=TRAIN_AGAIN):
            request_run()
    settings = RunSettings(beta=beta, latent_dim=latent_dim, epochs=epochs, dataset=dataset, start=start)
    return Controls(settings, popover)
