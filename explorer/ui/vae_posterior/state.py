"""Inside the VAE's session state: which digit's posterior is shown (a test digit, by number or by a click on its
dot, or the student's own) and which eps draw; the widgets' callbacks live here too."""

from __future__ import annotations

import streamlit as st

from explorer.topics.vae_posterior.figures import clicked_digit
from explorer.ui.vae_posterior.keys import DIGIT, DRAW, OWN_NEXT, USE_OWN


def start(first_draw: int = 1) -> None:
    """Defaults, after a link has had its say: the first draw, and the toggle on if a digit was drawn just now."""
    st.session_state.setdefault(DRAW, first_draw)
    if st.session_state.pop(OWN_NEXT, False):
        st.session_state[USE_OWN] = True


def remember_click(chart: str) -> None:
    """Copy a click on a test digit's dot into the digit's number at once (the event is lost on the next
    figure); an empty event (a double-click, a figure drawn anew) keeps the digit."""
    event = st.session_state.get(chart)
    number = clicked_digit(event["selection"]["points"] if event else [])
    if number is not None:
        st.session_state[DIGIT] = number
        st.session_state[USE_OWN] = False


def chose_test_digit() -> None:
    st.session_state[USE_OWN] = False


def draw_another() -> None:
    st.session_state[DRAW] = int(st.session_state.get(DRAW, 0)) + 1
