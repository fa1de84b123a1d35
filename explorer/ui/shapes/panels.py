"""The Shapes page's main picture: the shipped run's walk, one row per dimension in use, beside its factor
matrix and the MIG of every shipped β (with the student's run on it once there is one)."""

from __future__ import annotations

import itertools
from functools import partial

import numpy as np
import streamlit as st

from explorer.core.glossary import term
from explorer.core.images import strip
from explorer.core.shapes import SHAPE_NAMES
from explorer.models.base import Autoencoder
from explorer.models.gaussian import dims_by_kl
from explorer.topics.shapes.disentanglement import MIG_IN_ONE_LINE
from explorer.topics.shapes.figures import MATRIX_HEIGHT, factor_matrix_figure, mig_figure
from explorer.topics.shapes.scores import CodeScores
from explorer.topics.shapes.settings import ACTIVE_KL, LATENT_DIM, TRAVERSAL_REACH
from explorer.topics.shapes.shipped import ShippedRun
from explorer.topics.shapes.traversal import code_of, traversal_rows, walk_change
from explorer.ui.shapes import keys
from explorer.ui.shared.style import show_chart, show_figure
from explorer.ui.shared.view_link import ViewLink, ViewParam

STILL = {"displayModeBar": False}  # the matrices' toolbar would cover their column names
MIDDLE = {"scale": 3, "rotation": 0, "x": 3, "y": 4}  # the walk starts from a mid-sized, upright, central shape
redraws = itertools.count()  # a fresh key for each redraw of a chart


def dim_label(scores: CodeScores, dim: int) -> str:
    return f"dim {dim + 1} · KL {scores.kl_per_dim[dim]:.1f}"


def factor_matrix(scores: CodeScores, key: str, height: int = MATRIX_HEIGHT) -> None:
    """The matrix of a code, its dimensions the most used first."""
    order = dims_by_kl(scores.kl_per_dim)
    show_chart(factor_matrix_figure, scores.normalised[order], [dim_label(scores, dim) for dim in order], height,
               key=key, config=STILL)


def shipped_controls(view: ViewLink, betas: list[float]) -> tuple[float, str]:
    """(β of the shipped run shown, the shape its walk starts from)."""
    view.restore(ViewParam("beta", keys.BETA, float, options=betas),
                 ViewParam("start", keys.START, options=list(SHAPE_NAMES)))
    controls = st.columns([3, 1.2])
    beta = view.control(controls[0].segmented_control, "β of the shipped run", options=betas,
                        format_func=lambda value: f"β = {value:g}", default=betas[len(betas) // 2], required=True,
                        key=keys.BETA,
                        help="One button per shipped model: the same β-VAE, trained with this weight on its KL term.")
    start = view.control(controls[1].selectbox, "Walk from a", list(SHAPE_NAMES), key=keys.START,
                         help="The shape whose code every row starts from: mid-sized, upright, near the middle.")
    return beta, start


class MigChart:
    """MIG of every shipped β, made where this is called; the student's run joins it as it trains."""

    def __init__(self, runs: list[ShippedRun], beta: float):
        self.runs, self.beta, self.place = runs, beta, st.empty()

    def draw(self, live: tuple[float, float] | None = None) -> None:
        runs = self.runs
        with self.place:
            build = partial(mig_figure, [run.beta for run in runs], [run.scores.mig for run in runs],
                            [run.mig_range for run in runs], chosen=self.beta, live=live)
            key = keys.MIG_CHART.format(next(redraws))
            if live is None:  # the same for every student at this β; a live run's chart changes every epoch
                show_chart(build, key=key)
            else:
                show_figure(build(), key=key)


def shipped_walk(runs: list[ShippedRun], run: ShippedRun, model: Autoencoder, start: str,
                 start_image: np.ndarray) -> MigChart:
    """The walk of each dimension in use (left), the factor matrix and the MIG chart (right)."""
    scores = run.scores
    order = dims_by_kl(scores.kl_per_dim)
    in_use = [dim for dim in order if scores.active[dim]]
    unused = [dim for dim in order if not scores.active[dim]]
    start_code = code_of(model, start_image)
    rows = traversal_rows(model, start_code, in_use)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.markdown(f"**Each row walks one dimension of the code from −{TRAVERSAL_REACH:g} to {TRAVERSAL_REACH:g}** "
                    f"from the {start}'s code, labelled by the two factors it carries most over all the shapes "
                    f"(the share of each factor's information it holds), and by what it costs: its mean "
                    f"{term('KL')}, in {term('nats')}.")
        for dim, row in zip(in_use, rows, strict=True):
            cells = st.columns([1.3, 3.4, 0.5], vertical_alignment="center", gap="small")
            cells[0].markdown(f"**{scores.label(dim)}**  \n{dim_label(scores, dim)}")
            cells[1].image(strip(row, factor=2), width="stretch",
                           alt=f"The {start} decoded as dimension {dim + 1} walks from −{TRAVERSAL_REACH:g} to "
                               f"{TRAVERSAL_REACH:g}; the factors it carries most: {scores.label(dim)}")
        if unused:
            quiet = walk_change(traversal_rows(model, start_code, unused)).max()
            against = f", against at least {walk_change(rows).min():.1f} for the rows above" if in_use else ""
            st.caption(f"{len(unused)} of the {LATENT_DIM} dimensions are unused at β = {run.beta:g} (KL below "
                       f"{ACTIVE_KL:g} nat): walking one end to end changes the {start} by at most {quiet:.1f} "
                       f"pixels' worth of ink{against}, so they are left out.")
    with right:
        st.markdown(f"**How much of each factor each dimension holds** (normalised {term('mutual information')})")
        factor_matrix(scores, keys.MATRIX)
        st.markdown(f"**{term('MIG')} across β.** {MIG_IN_ONE_LINE}")
        return MigChart(runs, run.beta)
