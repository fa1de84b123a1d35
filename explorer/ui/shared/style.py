"""Text a class can read from the back of the room: 14 px or more for captions, labels and chart
ticks, and dark grey instead of Streamlit's pale caption grey. Also less empty space above the title,
so that a page's results fit a 1366 x 768 screen. Presenter mode (README, "Lesson links") goes further for a
projector: larger type, thicker chart lines."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from html import escape
from numbers import Integral, Real

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from explorer.core.chart_text import figure_summary, figure_table
from explorer.core.colours import FOCUS_COLOUR, TEXT_COLOUR
from explorer.ui.shared.lesson_link import presenting

SMALLEST_TEXT_PX = 14
PRESENTER_TEXT_PX = 20  # body text in presenter mode; 16 px otherwise (Streamlit's own)
PRESENTER_CHART_GAIN = 4  # px added to every chart font in presenter mode
PRESENTER_LINE_GAIN = 2  # chart lines drawn this many times thicker in presenter mode
DATA_TABLE = "Data as a table"
TABLE_ROWS = 500  # the longest data table read out under a chart
SCREEN_READER_ONLY = "explorer-screen-reader-only"  # read aloud, never drawn: it takes no room on the page

_CSS = f"""
<style>
[data-testid="stMainBlockContainer"] {{ padding-top: 2.2rem; }}
[data-testid="stCaptionContainer"], [data-testid="stImageCaption"], [data-testid="stCaptionContainer"] p,
[data-testid="stMetricLabel"] p, [data-testid="stWidgetLabel"] p, [data-testid="stTickBarMin"],
[data-testid="stTickBarMax"], [data-testid="stSliderThumbValue"] {{
  font-size: {SMALLEST_TEXT_PX + 1}px !important; color: {TEXT_COLOUR} !important; opacity: 1 !important;
}}
:focus-visible {{ outline: 3px solid {FOCUS_COLOUR} !important; outline-offset: 2px; }}  /* where the keyboard is */
[data-testid="stElementContainer"]:has(.{SCREEN_READER_ONLY}) {{
  position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}}
@media (prefers-reduced-motion: reduce) {{  /* Streamlit's own spinners and sliding panels stand still */
  *, *::before, *::after {{ animation-duration: 0.01ms !important; animation-iteration-count: 1 !important;
                            transition-duration: 0.01ms !important; scroll-behavior: auto !important; }}
}}
</style>
"""
_PRESENTER_CSS = f"""
<style>
[data-testid="stMain"] [data-testid="stMarkdown"]:not([data-testid="stColumn"] *) :is(p, li) {{
  font-size: {PRESENTER_TEXT_PX}px;  /* full-width text only: in a narrow column it would break every word */
}}
[data-testid="stMainBlockContainer"] {{ padding-top: 1rem; }}
[data-testid="stMain"] h5 {{ font-size: {PRESENTER_TEXT_PX + 2}px; }}
[data-testid="stMain"] [data-testid="stCaptionContainer"], [data-testid="stMain"] [data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] p, [data-testid="stSliderThumbValue"] {{
  font-size: {PRESENTER_TEXT_PX - 3}px !important;
}}
[data-testid="stImageCaption"], [data-testid="stImageCaption"] p {{ font-size: {SMALLEST_TEXT_PX + 1}px !important; }}
</style>
"""


def apply_readable_style(presenter: bool = False) -> None:
    st.html(_CSS + (_PRESENTER_CSS if presenter else ""))  # style only: Streamlit adds no visible element for it


def readable(figure: go.Figure, gain: int = 0) -> go.Figure:
    """Chart text at least SMALLEST_TEXT_PX (+ `gain`): Plotly's default ticks and legends are 12 px."""
    text = dict(size=SMALLEST_TEXT_PX + 1 + gain, color=TEXT_COLOUR)
    figure.update_layout(font=text, legend=dict(font=text))
    figure.update_xaxes(tickfont=dict(size=SMALLEST_TEXT_PX + gain, color=TEXT_COLOUR), title_font=text)
    figure.update_yaxes(tickfont=dict(size=SMALLEST_TEXT_PX + gain, color=TEXT_COLOUR), title_font=text)
    figure.update_annotations(font_size=SMALLEST_TEXT_PX + 1 + gain)
    return figure


def for_projector(figure: go.Figure) -> go.Figure:
    """Bigger chart text and thicker lines, for presenter mode."""
    readable(figure, PRESENTER_CHART_GAIN)
    for trace in figure.data:
        if trace.type == "scatter" and "lines" in (trace.mode or "lines"):
            trace.line.width = (trace.line.width or 2) * PRESENTER_LINE_GAIN
    return figure


def vega_for_presenter(spec: dict) -> dict:
    """A Vega-Lite spec as presenter mode draws it, if on: bigger text, thicker lines (marks that set their own
    width keep it)."""
    if not presenting():
        return spec
    config = {part: {name: size + PRESENTER_CHART_GAIN if name.endswith("FontSize") else size
                     for name, size in settings.items()} for part, settings in spec.get("config", {}).items()}
    return spec | {"config": config | {"line": {"strokeWidth": 2 * PRESENTER_LINE_GAIN}}}


def data_table(table: pd.DataFrame) -> None:
    """A chart's numbers as a table for a screen reader. It is not drawn: a folded table under every chart pushed
    each page's results below a laptop's screen. A longer table (a map of 5,000 codes) is left to the chart's
    sentence: nobody listens to thousands of rows, and every run would send them to every student's browser."""
    html = table_html(table)
    if html:
        st.html(html)


def table_html(table: pd.DataFrame) -> str:
    """data_table's HTML ('' for none): written here, as pandas' to_html took tens of ms of every run."""
    if table.empty or len(table) > TABLE_ROWS:
        return ""
    head = "".join(f"<th>{escape(str(name))}</th>" for name in table.columns)
    rows = "".join("<tr>" + "".join(f"<td>{escape(_cell(value))}</td>" for value in row) + "</tr>"
                   for row in table.itertuples(index=False, name=None))
    return (f'<div class="{SCREEN_READER_ONLY}" aria-label="{DATA_TABLE}"><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table></div>")


def _cell(value) -> str:
    """A number to 6 significant digits, as pandas wrote them; anything else as it prints."""
    return f"{value:.6g}" if isinstance(value, Real) and not isinstance(value, Integral) else str(value)


@dataclass(frozen=True)
class ReadyChart:
    """What show_figure sends for a figure: the figure made readable, its sentence and its table's HTML. A page
    whose chart depends only on a few choices keeps these in a shared cache (its loaders.py), so that a rerun
    sends them again instead of building and styling the figure anew; nothing changes them once made."""
    figure: go.Figure
    alt: str
    table_html: str


def ready_chart(figure: go.Figure, *, presenter: bool, alt: str | None = None, table: bool = True) -> ReadyChart:
    """The chart as show_figure sends it; `presenter`: presenting() of the session it is made for."""
    styled = for_projector(figure) if presenter else readable(figure)
    return ReadyChart(styled, alt or figure_summary(styled), table_html(figure_table(styled)) if table else "")


def show_ready(chart: ReadyChart, **kwargs):
    """st.plotly_chart of a ReadyChart (its `kwargs`), with its table under it; returns what st.plotly_chart
    returns (a selection, if asked)."""
    with st.container():  # one element, also where the caller draws into an st.empty()
        shown = st.plotly_chart(chart.figure, alt=chart.alt, **kwargs)
        if chart.table_html:
            st.html(chart.table_html)
    return shown


# Ready charts the server keeps for show_chart, the least recently used dropped first: most are tens of kB, a
# latent map of 5,000 codes about 1.7 MB, so the cache stays within tens of MB however many students come.
CHARTS_KEPT = 64


@st.cache_resource(max_entries=CHARTS_KEPT, show_spinner=False)
def shared_chart(name: str, bound: tuple, args: tuple, presenter: bool, alt: str | None, table: bool,
                 _build: Callable[..., go.Figure]) -> ReadyChart:
    """The ready chart of _build(*args), made once per server; `name`: _build's module and name, `bound`: the
    arguments a functools.partial _build holds (with `args`, the key)."""
    return ready_chart(_build(*args), presenter=presenter, alt=alt, table=table)


def show_chart(build: Callable[..., go.Figure], *args, alt: str | None = None, table: bool = True, **kwargs):
    """show_figure(build(*args), ...) for a figure that depends only on its arguments (a topic's figures.py
    builder, or a functools.partial of one, and the numbers or small arrays it draws): built and styled once per
    server for every session that shows the same, then only sent again. Building and styling a Plotly figure is
    most of a page run's CPU."""
    function, bound = (build.func, (build.args, build.keywords)) if isinstance(build, partial) else (build, ())
    name = f"{function.__module__}.{function.__qualname__}"
    return show_ready(shared_chart(name, bound, args, presenting(), alt, table, build), **kwargs)


def show_figure(figure: go.Figure, *, alt: str | None = None, table: bool = True, **kwargs):
    """st.plotly_chart with readable text and a text equivalent: `alt` (by default a sentence read from the figure)
    and, if `table`, its data under it; returns what st.plotly_chart returns (a selection, if asked)."""
    return show_ready(ready_chart(figure, presenter=presenting(), alt=alt, table=table), **kwargs)


def show_vega(data: pd.DataFrame, spec: dict, alt: str) -> None:
    """st.vega_lite_chart with presenter mode's text, its one-sentence `alt` and its data as a table."""
    with st.container():
        st.vega_lite_chart(data, vega_for_presenter(spec), width="stretch", alt=alt)
        data_table(data)
