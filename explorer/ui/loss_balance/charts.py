"""The Loss-balance page's four charts of one run (Vega-Lite), drawn again at every epoch: the loss curves,
the point on the rate-distortion curve of the shipped runs, the KL of each dimension of the code, and the
codes themselves. Before anything trains, the shipped run nearest β fills them."""

from __future__ import annotations

import streamlit as st

from explorer.core.glossary import term
from explorer.topics.loss_balance.epoch_view import Probe, active_dimensions
from explorer.topics.loss_balance.figures import (
    Chart,
    kl_bars_chart,
    latent_scatter_chart,
    loss_curves_chart,
    rate_distortion_chart,
)
from explorer.topics.loss_balance.references import ReferenceRun
from explorer.topics.loss_balance.settings import ACTIVE_KL
from explorer.training.live import LiveRun
from explorer.ui.shared.placeholders import LazyPlaceholder
from explorer.ui.shared.style import show_vega


def show(chart: Chart) -> None:
    """No key: a keyless Vega-Lite chart at the same place stays on the page and takes the new data."""
    show_vega(chart.data, chart.spec, chart.summary)


def run_curves(run: LiveRun) -> dict[str, list[float]]:
    return {f"{split}_{part}": [getattr(view, split).named()[part] for view in run.views]
            for split in ("train", "test") for part in ("loss", "recon", "kl")}


def kl_heading(kl_per_dim, of_what: str) -> str:
    return (f"**KL of each dimension of the code**{of_what}: {active_dimensions(kl_per_dim)} of {len(kl_per_dim)} "
            f"active (mean KL above {ACTIVE_KL:g} {term('nats', 'nat')})")


class RunCharts:
    """Places for the four charts, made where this is called; each draws when its chart first comes."""

    def __init__(self, references: list[ReferenceRun]):
        self.references = references
        top = st.columns([3, 2])
        self.curves, self.rate = LazyPlaceholder(top[0]), LazyPlaceholder(top[1])
        bottom = st.columns(2)
        self.kl, self.scatter = LazyPlaceholder(bottom[0]), LazyPlaceholder(bottom[1])

    def _rate_distortion(self, run: LiveRun | None, earlier: list[tuple[float, float, float]]) -> None:
        live = [(view.test.kl, view.test.recon) for view in run.views] if run else []
        with self.rate.container():
            st.markdown(f"**Rate against distortion**: {term('KL')} (rate) and reconstruction error (distortion) of "
                        "each run")
            show(rate_distortion_chart([(ref.beta, ref.rate, ref.distortion) for ref in self.references], live,
                                       run.settings.beta if run else None, earlier))

    def draw_run(self, run: LiveRun, probe: Probe, earlier: list[tuple[float, float, float]]) -> None:
        """Everything one epoch of the current run shows here."""
        view = run.last
        with self.curves.container():
            st.markdown(f"**Loss per epoch** of your run (β = {run.settings.beta:g}; solid train, dashed test)")
            show(loss_curves_chart(run_curves(run), run.settings.beta, run.settings.epochs))
        self._rate_distortion(run, earlier)
        with self.kl.container():
            st.markdown(kl_heading(view.kl_per_dim, ""))
            show(kl_bars_chart(view.kl_per_dim))
        with self.scatter.container():
            what = "the codes" if len(view.kl_per_dim) == 2 else (
                "the codes along their first two principal components (the two directions in which they vary most)")
            st.markdown(f"**The codes of test digits**: {what}, coloured by digit")
            show(latent_scatter_chart(view.codes_2d, probe.scatter_labels, len(view.kl_per_dim)))

    def draw_reference(self, reference: ReferenceRun, earlier: list[tuple[float, float, float]]) -> None:
        """Before anything trains: the shipped run `reference` fills the charts."""
        label = f"the shipped run, β = {reference.beta:g}"
        with self.curves.container():
            st.markdown(f"**Loss per epoch** of {label} (solid train, dashed test)")
            show(loss_curves_chart(reference.curves, reference.beta, len(reference.curves["test_loss"])))
        self._rate_distortion(None, earlier)
        with self.kl.container():
            st.markdown(kl_heading(reference.kl_per_dim, f" ({label})"))
            show(kl_bars_chart(reference.kl_per_dim))
        self.scatter.caption("The codes of test digits appear here when you train a run.")
