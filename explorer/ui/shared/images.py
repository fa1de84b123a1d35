"""Showing 28 x 28 digits at a size a projector shows crisply; in presenter mode, rows of digits packed
closer, so that each digit is drawn larger. Every picture takes its text alternative (`alt`): what it shows, with
the numbers of its caption, for a student who cannot see it; "" marks a picture as decorative."""

from __future__ import annotations

import io

import numpy as np
import streamlit as st
from PIL import Image

from explorer.core.images import enlarge, heat_map
from explorer.ui.shared.lesson_link import presenting

PICTURES_KEPT = 1024  # encoded pictures the server keeps, a few kB each (a page shows up to about 90)


@st.cache_resource(max_entries=PICTURES_KEPT, show_spinner=False)
def encoded(picture: np.ndarray) -> bytes:
    """A uint8 grey or RGB picture as st.image sends an array (JPEG at quality 100, its choice for a picture
    without transparency), encoded once per server instead of on every run."""
    data = io.BytesIO()
    Image.fromarray(picture).save(data, format="JPEG", quality=100)
    return data.getvalue()


def show_picture(picture: np.ndarray, caption: str | None = None, *, alt: str) -> None:
    """st.image of a uint8 picture, stretched to its column, encoded once per server."""
    st.image(encoded(picture), caption=caption, width="stretch", output_format="JPEG", alt=alt)


def show_digit(image: np.ndarray, caption: str | None = None, factor: int = 4, *, alt: str) -> None:
    show_picture(enlarge(image, factor), caption, alt=alt)


def show_heat_map(errors: np.ndarray, vmax: float, caption: str | None = None, factor: int = 4, *, alt: str) -> None:
    """Per-pixel errors as a colour picture: black where the reconstruction is right, bright where wrong."""
    show_picture(heat_map(errors, vmax, factor), caption, alt=alt)


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
