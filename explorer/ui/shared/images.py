"""Showing 28 x 28 digits at a size a projector shows crisply; in presenter mode, rows of digits packed
closer, so that each digit is drawn larger. Every picture takes its text alternative (`alt`): what it shows, with
the numbers of its caption, for a student who cannot see it; "" marks a picture as decorative."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.core.images import enlarge, heat_map
from explorer.ui.shared.lesson_link import presenting


def show_digit(image: np.ndarray, caption: str | None = None, factor: int = 4, *, alt: str) -> None:
    st.image(enlarge(image, factor), caption=caption, width="stretch", alt=alt)


def show_heat_map(errors: np.ndarray, vmax: float, caption: str | None = None, factor: int = 4, *, alt: str) -> None:
    """Per-pixel errors as a colour picture: black where the reconstruction is right, bright where wrong."""
    st.image(heat_map(errors, vmax, factor), caption=caption, width="stretch", alt=alt)


def show_digit_rows(rows: list[tuple[str, np.ndarray, list[str], list[str]]], label_width: float = 1.3) -> None:
    """One row per (label, images, captions, alts): a label cell, then the digits side by side."""
    packed = presenting()
    for label, images, captions, alts in rows:
        cells = st.columns([label_width] + [1] * len(images), vertical_alignment="center",
                           gap="small" if packed else "medium")
        cells[0].markdown(f"**{label}**")
        for cell, image, caption, alt in zip(cells[1:], images, captions, alts, strict=True):
            with cell:
                show_digit(image, caption, alt=alt)
