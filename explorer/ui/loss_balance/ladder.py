"""The Loss-balance page's β ladder: the shipped runs from the smallest β to the largest, one row each, with
the reconstructions of the same test digits, the decodes of the same draws from the prior and the digit
classifier's verdict on both. The student's own run gets a row in its place by β, drawn again every epoch."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from explorer.core.images import strip
from explorer.topics.loss_balance.evidence import GalleryEvidence
from explorer.topics.loss_balance.references import ReferenceRun
from explorer.topics.loss_balance.story import JUDGED_HELP, READ_RIGHT_HELP, ladder_cells
from explorer.ui.shared.placeholders import LazyPlaceholder

COLUMNS = [1.1, 3.3, 1.3, 3.3, 1.3]  # β | reconstructions | read right | decodes | judged real
ROW_GAP = 4  # px between rows, so that the whole ladder fits a laptop screen under the controls
FACTOR = 2  # 28 px digits drawn at 56 px, then fitted to the column


def _row() -> list:
    return st.columns(COLUMNS, vertical_alignment="center")


def _strip(images: np.ndarray):
    return strip(images, factor=FACTOR)


@dataclass(frozen=True)
class LiveRow:
    """The student's run in the ladder; its cells appear when it first draws, so that the previous run's
    pictures stay on screen until the new ones replace them. One line of text per cell keeps the row as
    low as the shipped ones."""

    label: LazyPlaceholder
    reconstructions: LazyPlaceholder
    whose: LazyPlaceholder  # "your run", where the shipped rows have their share read right
    samples: LazyPlaceholder
    progress: LazyPlaceholder  # the epoch, where the shipped rows have their share judged real
    originals: LazyPlaceholder | None  # its own test images, when it trains on another data set

    def _name(self, beta: float) -> None:
        self.label.markdown(f":orange-background[**β = {beta:g}**]")
        self.whose.markdown(":orange[**your run**]")

    def starting(self, beta: float) -> None:
        self._name(beta)
        self.progress.markdown("starting…")

    def draw(self, beta: float, reconstructions: np.ndarray, samples: np.ndarray, epoch: int, epochs: int,
             originals: np.ndarray | None = None) -> None:
        self._name(beta)
        self.reconstructions.image(_strip(reconstructions), width="stretch",
                                   alt=f"Your β = {beta:g} run's reconstructions of its test images, epoch {epoch}")
        self.samples.image(_strip(samples), width="stretch",
                           alt=f"Your β = {beta:g} run's decodes of codes drawn from the prior, epoch {epoch}")
        self.progress.markdown(f"epoch {epoch}/{epochs}")
        if self.originals is not None and originals is not None:
            self.originals.image(_strip(originals), width="stretch", alt="Your run's test images")


def _live_row(own_originals: bool) -> LiveRow:
    originals = None
    if own_originals:
        row = _row()
        row[0].markdown("its test images")
        originals = LazyPlaceholder(row[1])
    row = _row()
    return LiveRow(*(LazyPlaceholder(cell) for cell in row), originals)


def beta_ladder(references: list[ReferenceRun], evidence: GalleryEvidence | None, originals: np.ndarray, *,
                live_beta: float | None, selected_beta: float, own_originals: bool = False) -> LiveRow | None:
    """The ladder, with a row for the student's run at live_beta (None: no run to show) that the caller
    draws into. `originals` are the test digits the shipped runs reconstruct."""
    live = None
    with st.container(gap=ROW_GAP):
        head = _row()
        head[1].markdown("**Reconstructions** of 8 test digits")
        head[3].markdown("**Decodes** of 8 codes drawn from the prior")
        if evidence is not None:
            head[2].markdown("**read right**", help=READ_RIGHT_HELP.format(images=evidence.test_images))
            head[4].markdown("**judged real**", help=JUDGED_HELP.format(draws=evidence.runs[0].judged.images,
                                                                       real=evidence.real.share_real))
        row = _row()
        row[0].markdown("test digits")
        row[1].image(_strip(originals), width="stretch", alt=f"{len(originals)} test digits")
        for i, reference in enumerate(references):
            if live is None and live_beta is not None and live_beta < reference.beta:
                live = _live_row(own_originals)
            row = _row()
            label = f"β = {reference.beta:g}"
            shown = live_beta is None and reference.beta == selected_beta
            row[0].markdown(f":blue-background[**{label}**]" if shown else label)
            row[1].image(_strip(reference.reconstructions), width="stretch",
                         alt=f"The {label} VAE's reconstructions of the test digits")
            row[3].image(_strip(reference.samples), width="stretch",
                         alt=f"The {label} VAE's decodes of codes drawn from the prior")
            if evidence is not None:
                read_right, judged_real = ladder_cells(evidence.runs[i])
                row[2].markdown(read_right)
                row[4].markdown(judged_real)
        if live is None and live_beta is not None:
            live = _live_row(own_originals)
    return live
