"""Showing 28 x 28 digits at a size a projector shows crisply."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.images import enlarge


def show_digit(image: np.ndarray, caption: str | None = None, factor: int = 4) -> None:
    st.image(enlarge(image, factor), caption=caption, width="stretch")
