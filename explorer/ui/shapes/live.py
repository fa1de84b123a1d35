"""The Shapes page's run of the student's own: its controls, started from the nearest shipped run, each epoch's
reconstructions, matrix and MIG drawn as it trains, and its ending worded."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from explorer.core.images import strip
from explorer.core.shapes import ShapesData
from explorer.models.gaussian import dims_by_kl
from explorer.topics.shapes.live import begin_run, view_epoch
from explorer.topics.shapes.settings import LATENT_DIM, LIVE_BETAS, ShapesRunSettings, nearest_shipped
from explorer.topics.shapes.shipped import ShippedRun
from explorer.training.live import LiveRun
from explorer.ui.shapes import keys
from explorer.ui.shapes.panels import MigChart, factor_matrix, redraws
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.live_run import LiveRunPanel, LiveTraining, Notice, RunEndings, run_cost
from explorer.ui.shared.resources import pretrained_model
from explorer.ui.shared.shortcuts import TRAIN_AGAIN, keys_hint
from explorer.ui.shared.view_link import ViewLink, ViewParam


@dataclass(frozen=True)
class LiveControls:
    settings: ShapesRunSettings
    train: bool  # the Train button was pressed


def live_controls(view: ViewLink, training: LiveTraining, betas: list[float], shapes: int) -> LiveControls:
    view.restore(ViewParam("run_beta", keys.LIVE_BETA, float, options=LIVE_BETAS),
                 ViewParam("epochs", keys.LIVE_EPOCHS, int, low=1, high=20))
    row = st.columns([4, 2, 1.2], vertical_alignment="bottom")
    beta = view.control(row[0].select_slider, "β for your run", options=LIVE_BETAS, value=4.0, key=keys.LIVE_BETA,
                        help="Your run starts from the weights of the shipped run with the nearest β.")
    epochs = view.control(row[1].slider, "Epochs", 1, 20, 8, key=keys.LIVE_EPOCHS)
    with row[2]:
        keys_hint(f"Key {TRAIN_AGAIN}")
        train = st.button("Train", key=keys.TRAIN, width="stretch", shortcut=TRAIN_AGAIN)
    st.caption(f"Starts from the shipped β = {nearest_shipped(beta, tuple(betas)):g} run · {shapes:,} shapes "
               f"scored after every epoch · training on {training.device.upper()} · "
               f"{run_cost(training, keys.RUN, epochs)}")
    return LiveControls(ShapesRunSettings(beta=beta, epochs=epochs), train)


class LivePictures:
    """The run's held-out shapes and reconstructions (left) and its matrix (right), made where this is called."""

    def __init__(self, shapes: ShapesData, probe: np.ndarray, mig: MigChart, status):
        self.shapes, self.probe, self.mig, self.status = shapes, probe, mig, status
        left, right = st.columns([3, 2], gap="large")
        self.pictures, self.matrix = left.empty(), right.empty()

    def draw(self, run: LiveRun) -> None:
        shown = run.last
        with self.pictures.container():
            st.markdown("**Held-out shapes (top) and your run's reconstructions (bottom)**")
            st.image(strip(self.shapes.images[self.probe], factor=2), width="stretch",
                     alt=f"{len(self.probe)} held-out shapes")
            st.image(strip(shown.reconstructions, factor=2), width="stretch",
                     alt=f"Your run's reconstructions of them, epoch {shown.epoch}")
            used = [dim for dim in dims_by_kl(shown.scores.kl_per_dim) if shown.scores.active[dim]]
            st.markdown("**What its dimensions in use carry:** "
                        + ("; ".join(shown.scores.label(dim) for dim in used) if used else "none is in use"))
        with self.matrix.container():
            st.markdown(f"**Your run's matrix, epoch {shown.epoch}**")
            factor_matrix(shown.scores, keys.LIVE_MATRIX.format(next(redraws)), height=300)
        self.mig.draw(live=(run.settings.beta, shown.scores.mig))
        self.status.info(f"Epoch {shown.epoch} of {shown.epochs} at β = {run.settings.beta:g} · MIG "
                         f"{shown.scores.mig:.3f} · test loss {shown.test.total:.1f} (reconstruction "
                         f"{shown.test.recon:.1f}, KL {shown.test.kl:.1f}) · {shown.images_per_second:,.0f} images/s")


def start_run(panel: LiveRunPanel, settings: ShapesRunSettings, runs: list[ShippedRun], training: LiveTraining,
              shapes: ShapesData, split: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
    """A new run from the weights of the shipped run nearest its β, trained in this script run."""
    warm_from = next(run for run in runs if run.beta == nearest_shipped(settings.beta, tuple(r.beta for r in runs)))
    with report_pretrained_error():
        warm_model = pretrained_model(warm_from.name)
    train_ids, test_ids, probe = split
    panel.train(begin_run(settings, training.device, warm_model, training.warm_up), training.line,
                shapes.images[train_ids], shapes.images[test_ids],
                view=lambda trained, report: view_epoch(shapes, probe, trained, report),
                training=f"Training at β = {settings.beta:g}, from the shipped β = {warm_from.beta:g} run…")


def your_run(run: LiveRun, ended: str) -> Notice:
    return Notice("warning", f"Your run at β = {run.settings.beta:g} {ended}.")


ENDINGS = RunEndings(
    finished=lambda run: Notice("success", f"Finished {run.last.epoch} epochs at β = {run.settings.beta:g}: MIG "
                                           f"{run.last.scores.mig:.3f}, {int(run.last.scores.active.sum())} of "
                                           f"{LATENT_DIM} dimensions in use."),
    stopped=lambda run: your_run(run, f"was stopped after epoch {run.last.epoch}"),
    failed=lambda run: your_run(run, f"failed in epoch {run.last.epoch + 1}: {run.problem}"),
    failed_at_start=lambda run: Notice("error", f"Your run at β = {run.settings.beta:g} failed before its first "
                                                f"epoch: {run.problem}."),
)
