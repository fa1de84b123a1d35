"""The student's own digit, drawn or uploaded once and used on every page (kept in session state)."""

from __future__ import annotations

import hashlib

import numpy as np
import streamlit as st

from explorer.core.digitize import (
    MAX_UPLOAD_BYTES,
    Digit,
    DigitInputError,
    digitize_drawing,
    digitize_upload,
)
from explorer.ui.shared.images import show_digit

OWN_DIGIT_KEY = "own_digit"  # session state: the student's Digit, shared by every page
_SOURCE_KEY = "own_digit_source"  # what made it: the upload's or the drawing's fingerprint
CANVAS_SIZE = 224  # 8 screen pixels per MNIST pixel: big enough to draw with a mouse or finger
STROKE_WIDTH = 18  # a stroke about 2 MNIST pixels wide once the digit is scaled into 20 x 20


def own_digit() -> Digit | None:
    return st.session_state.get(OWN_DIGIT_KEY)


def _remember(digit: Digit, source: str) -> None:
    st.session_state[OWN_DIGIT_KEY] = digit
    st.session_state[_SOURCE_KEY] = source


def _draw(page_key: str) -> None:
    from streamlit_drawable_canvas import st_canvas  # a component: loaded only where it is drawn

    st.caption("Draw one digit, large, with the mouse or a finger.")
    result = st_canvas(stroke_width=STROKE_WIDTH, stroke_color="#FFFFFF", background_color="#000000",
                       height=CANVAS_SIZE, width=CANVAS_SIZE, drawing_mode="freedraw", return_image_data=True,
                       key=f"{page_key}_own_canvas")
    pixels = result.image_data if result is not None else None
    if pixels is None:
        return
    source = "drawing:" + hashlib.sha1(np.ascontiguousarray(pixels).tobytes()).hexdigest()
    if source != st.session_state.get(_SOURCE_KEY):
        digit = digitize_drawing(pixels)
        if digit is not None:
            _remember(digit, source)


def _upload(page_key: str) -> None:
    upload = st.file_uploader(
        "A picture of one handwritten digit (PNG, JPEG, GIF, BMP or WebP)",
        key=f"{page_key}_own_upload",
        help=f"At most {MAX_UPLOAD_BYTES // 2**20} MB. Dark ink on light paper or light on dark both work.",
        max_upload_size=MAX_UPLOAD_BYTES // 2**20,  # the browser refuses a larger file before sending it
    )
    if upload is None:
        return
    data = upload.getvalue()
    source = "upload:" + hashlib.sha1(data).hexdigest()
    if source == st.session_state.get(_SOURCE_KEY):
        return
    try:
        _remember(digitize_upload(data), source)
    except DigitInputError as error:
        st.error(f"**{upload.name}** cannot be used: {error}", icon="🖼️")


def own_digit_input(page_key: str, *, expanded: bool = False) -> Digit | None:
    """An expander to draw or upload a digit; returns the student's current digit, if any.

    `page_key` keeps each page's widgets apart; the digit itself is shared by all pages.
    """
    with st.expander("✏️ Your own digit: draw one or upload a picture", expanded=expanded or own_digit() is not None):
        source, shown = st.columns([3, 1.3])
        with source:
            how = st.radio("How", ["Draw", "Upload"], horizontal=True, key=f"{page_key}_own_how",
                           label_visibility="collapsed")
            (_draw if how == "Draw" else _upload)(page_key)
        with shown:
            digit = own_digit()
            if digit is None:
                st.info("Your digit will appear here as the 28 x 28 picture the models see.")
            else:
                show_digit(digit.image, "your digit, MNIST-style (28 x 28)", alt="Your digit as the models see it")
                for note in digit.notes:
                    st.caption(note)
                st.caption("Made the way MNIST was: white on black, scaled to fit 20 x 20, "
                           "centred by its centre of mass in 28 x 28.")
                if st.button("Forget my digit", key=f"{page_key}_own_forget"):
                    st.session_state.pop(OWN_DIGIT_KEY, None)
                    st.session_state.pop(_SOURCE_KEY, None)
                    st.rerun()
    return own_digit()
