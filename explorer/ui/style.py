"""Text a class can read from the back of the room: 14 px or more for captions, labels and chart
ticks, and dark grey instead of Streamlit's pale caption grey. Also less empty space above the title,
so that a page's results fit a 1366 x 768 screen."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from explorer.core.colours import TEXT_COLOUR

SMALLEST_TEXT_PX = 14

_CSS = f"""
<style>
[data-testid="stMainBlockContainer"] {{ padding-top: 2.2rem; }}
[data-testid="stCaptionContainer"], [data-testid="stImageCaption"], [data-testid="stCaptionContainer"] p,
[data-testid="stMetricLabel"] p, [data-testid="stWidgetLabel"] p, [data-testid="stTickBarMin"],
[data-testid="stTickBarMax"], [data-testid="stSliderThumbValue"] {{
  font-size: {SMALLEST_TEXT_PX + 1}px !important; color: {TEXT_COLOUR} !important; opacity: 1 !important;
}}
</style>
"""


def apply_readable_style() -> None:
    st.html(_CSS)  # style only: Streamlit adds no visible element for it


def readable(figure: go.Figure) -> go.Figure:
    """Chart text at least SMALLEST_TEXT_PX: Plotly's default ticks and legends are 12 px."""
    text = dict(size=SMALLEST_TEXT_PX + 1, color=TEXT_COLOUR)
    figure.update_layout(font=text, legend=dict(font=text))
    figure.update_xaxes(tickfont=dict(size=SMALLEST_TEXT_PX, color=TEXT_COLOUR), title_font=text)
    figure.update_yaxes(tickfont=dict(size=SMALLEST_TEXT_PX, color=TEXT_COLOUR), title_font=text)
    figure.update_annotations(font_size=SMALLEST_TEXT_PX + 1)
    return figure


def show_figure(figure: go.Figure, **kwargs):
    """st.plotly_chart with readable text; returns what st.plotly_chart returns (a selection, if asked)."""
    return st.plotly_chart(readable(figure), **kwargs)
