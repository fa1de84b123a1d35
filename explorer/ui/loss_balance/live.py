"""The Loss-balance page's own run: started when a control moves, drawn every epoch into its row of the β ladder,
its charts and the status line, and worded when it ends. Before any run, the shipped run nearest β fills the
charts."""

from __future__ import annotations

from functools import partial

import streamlit as st

from explorer.checkpoints.store import PretrainedFileError
from explorer.core.data import DigitData
from explorer.topics.loss_balance.epoch_view import make_probe, view_epoch
from explorer.topics.loss_balance.references import ReferenceRun
from explorer.topics.loss_balance.run import begin_run
from explorer.topics.loss_balance.settings import REFERENCE_LATENT, RunSettings
from explorer.training.live import LiveRun
from explorer.ui.loss_balance import keys
from explorer.ui.loss_balance.charts import RunCharts
from explorer.ui.loss_balance.ladder import LiveRow
from explorer.ui.shared.live_run import LiveRunPanel, LiveTraining, Notice, RunEndings
from explorer.ui.shared.resources import pretrained_model


def earlier_runs() -> list[tuple[float, float, float]]:
    return st.session_state.get(keys.EARLIER, [])


def losses(view) -> str:
    return (f"test loss {view.test.total:.1f} (reconstruction {view.test.recon:.1f}, KL {view.test.kl:.1f})")


def starts_from(settings: RunSettings, warm_reference: ReferenceRun | None) -> str:
    if warm_reference:
        return f"warm start from the shipped β = {warm_reference.beta:g} run"
    why = f" (warm starts need k = {REFERENCE_LATENT} on the bundled data)" if settings.start == "warm" else ""
    return "from scratch" + why


def draw_epoch(live_row: LiveRow, charts: RunCharts, status, data: DigitData, run: LiveRun) -> None:
    """Everything one epoch of the current run shows: its row of the ladder, its charts, the status line."""
    view, probe = run.last, make_probe(data.test_images, data.test_labels, run.settings.latent_dim)
    live_row.draw(run.settings.beta, view.reconstructions, view.samples, view.epoch, view.epochs,
                  originals=probe.images)
    charts.draw_run(run, probe, earlier_runs())
    status.info(f"Epoch {view.epoch} of {view.epochs} at β = {run.settings.beta:g} · {losses(view)} · "
                f"{view.images_per_second:,.0f} images/s on {run.device.upper()}")


def start_run(panel: LiveRunPanel, settings: RunSettings, warm_reference: ReferenceRun | None,
              training: LiveTraining, data: DigitData, live_row: LiveRow) -> None:
    """A new run at the controls' settings, trained in this script run; the previous one joins the earlier runs
    on the rate-distortion chart."""
    previous = st.session_state.get(keys.RUN)
    if previous is not None and previous.last is not None:
        st.session_state.setdefault(keys.EARLIER, []).append(
            (previous.settings.beta, previous.last.test.kl, previous.last.test.recon))
    warm_from = None
    if warm_reference is not None:
        try:
            warm_from = pretrained_model(warm_reference.name)
        except PretrainedFileError:
            st.warning("The shipped run to warm-start from cannot be used: this run starts from scratch.")
    run = begin_run(settings, training.device, warm_from, training.warm_up)
    st.session_state[keys.RUNS_STARTED] = st.session_state.get(keys.RUNS_STARTED, 0) + 1
    probe = make_probe(data.test_images, data.test_labels, settings.latent_dim)
    live_row.starting(settings.beta)
    panel.train(run, training.line, data.train_images, data.test_images, view=partial(view_epoch, probe),
                training=f"Training at β = {settings.beta:g}…")


def beta_of(run: LiveRun) -> str:
    return f"β = {run.settings.beta:g}"


ENDINGS = RunEndings(
    finished=lambda run: Notice("success", f"Finished {run.last.epoch} epochs at {beta_of(run)}: "
                                           f"{losses(run.last)}, {run.last.active_dims} active dimensions."),
    stopped=lambda run: Notice("info", f"The run at {beta_of(run)} was stopped after epoch {run.last.epoch}."),
    failed=lambda run: Notice("error", f"The run at {beta_of(run)} failed in epoch {run.last.epoch + 1}: "
                                       f"{run.problem}. What it learned until then is shown; move β to start a "
                                       "new run."),
    failed_at_start=lambda run: Notice("error", f"The run at {beta_of(run)} failed before its first epoch: "
                                                f"{run.problem}."),
)


def show_nearest_reference(references: list[ReferenceRun], charts: RunCharts, status, beta: float) -> None:
    """Before any run: the shipped run nearest β fills the charts."""
    nearest = min(references, key=lambda ref: abs(ref.beta - beta))
    charts.draw_reference(nearest, earlier_runs())
    status.info(f"Showing the shipped run, β = {nearest.beta:g}. Move β (or press *Train again*) to train your "
                "own run live.")
