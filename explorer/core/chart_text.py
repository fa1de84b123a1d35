"""A chart's text equivalent, for a student who cannot see it: one sentence on what it shows, and its data as a
table. Both are read from the figure itself (a Plotly figure: its traces and axis titles), so they say what the
chart draws, with its numbers. Traces that only decorate or catch clicks (hoverinfo "skip", invisible, or
transparent markers) are left out, as the chart's own hover leaves them out."""

from __future__ import annotations

import numpy as np
import pandas as pd

SERIES_NAMED = 4  # past this many series a sentence names them instead of describing each
TABLE_CELLS = 400  # a heat map larger than this is a picture (pixels), not data a table helps with


def _number(value) -> str:
    return f"{value:.3g}" if isinstance(value, int | float | np.number) else str(value)


def _title(axis) -> str:
    title = getattr(getattr(axis, "title", None), "text", None)
    return title or ""


def _shown(trace) -> bool:
    if trace.visible is False or trace.hoverinfo == "skip":
        return False
    marker = getattr(trace, "marker", None)
    return getattr(marker, "opacity", None) != 0


def shown_traces(figure) -> list:
    return [trace for trace in figure.data if _shown(trace)]


def _name(trace, number: int) -> str:
    return trace.name or f"series {number}"


def _describe(trace, number: int, x_title: str) -> str:
    """One trace in a few words: where a line starts and ends, the range of bars, how many points."""
    name = _name(trace, number)
    kind = trace.type
    if kind == "heatmap":
        z = np.asarray(trace.z, dtype=float)
        return f"{name}: a {z.shape[0]} × {z.shape[-1]} grid of values from {_number(np.nanmin(z))} to " \
               f"{_number(np.nanmax(z))}"
    if kind == "histogram":
        values = np.asarray(trace.x if trace.x is not None else trace.y, dtype=float)
        return f"{name}: {len(values):,} values from {_number(values.min())} to {_number(values.max())}"
    x, y = list(trace.x if trace.x is not None else []), list(trace.y if trace.y is not None else [])
    if kind == "bar" and trace.orientation == "h":
        x, y = y, x
    if not y:
        return f"{name}: no values"
    at = f"{x_title} " if x_title else "at "
    if kind == "bar":
        top, bottom = int(np.argmax(y)), int(np.argmin(y))
        where = (lambda i: f" ({at}{_number(x[i])})") if x else (lambda i: "")
        return f"{name}: {len(y)} bars from {_number(y[bottom])}{where(bottom)} to {_number(y[top])}{where(top)}"
    if "lines" in (trace.mode or "lines") and len(y) > 1 and x:
        return f"{name}: from {_number(y[0])} ({at}{_number(x[0])}) to {_number(y[-1])} ({at}{_number(x[-1])})"
    return f"{name}: {len(y):,} points"


def _kind(traces: list) -> str:
    kinds = {trace.type for trace in traces}
    if kinds <= {"heatmap"}:
        return "A heat map"
    if kinds <= {"histogram"}:
        return "A histogram"
    if kinds <= {"bar"}:
        return "A bar chart"
    if any("lines" in (getattr(trace, "mode", None) or "") for trace in traces):
        return "A line chart"
    return "A scatter plot" if kinds <= {"scatter", "scattergl"} else "A chart"


def figure_summary(figure) -> str:
    """One sentence: the kind of chart, its axes, and each series in a few words (or their names, if many)."""
    traces = shown_traces(figure)
    x_title, y_title = _title(figure.layout.xaxis), _title(figure.layout.yaxis)
    axes = f" of {y_title} against {x_title}" if x_title and y_title else (f" of {x_title or y_title}"
                                                                           if x_title or y_title else "")
    if not traces:
        return f"{_kind(figure.data)}{axes}."
    if len(traces) > SERIES_NAMED:
        points = sum(len(trace.x) for trace in traces if getattr(trace, "x", None) is not None)
        names = ", ".join(_name(trace, number) for number, trace in enumerate(traces, start=1))
        parts = f"{len(traces)} series ({names}), {points:,} points in all"
    else:
        parts = "; ".join(_describe(trace, number, x_title) for number, trace in enumerate(traces, start=1))
    steps = f" It plays {len(figure.frames)} steps." if figure.frames else ""
    return f"{_kind(traces)}{axes}: {parts}.{steps}"


def figure_table(figure) -> pd.DataFrame:
    """The data of the shown traces, one row per value: the series, x and y (heat maps: row, column and value).
    Empty when there is nothing a table would help with (a heat map of pixels)."""
    x_title = _title(figure.layout.xaxis) or "x"
    y_title = _title(figure.layout.yaxis) or "y"
    if x_title == y_title:
        x_title, y_title = f"{x_title} (x)", f"{y_title} (y)"
    frames = []
    for number, trace in enumerate(shown_traces(figure), start=1):
        name = _name(trace, number)
        if trace.type == "heatmap":
            z = np.asarray(trace.z, dtype=float)
            if z.size > TABLE_CELLS:
                continue
            rows = trace.y if trace.y is not None else range(z.shape[0])
            columns = trace.x if trace.x is not None else range(z.shape[1])
            frames.append(pd.DataFrame({"series": name, y_title: np.repeat(list(rows), z.shape[1]),
                                        x_title: np.tile(list(columns), z.shape[0]), "value": z.ravel()}))
        elif trace.type == "histogram":
            frames.append(pd.DataFrame({"series": name, x_title: np.asarray(trace.x)}))
        elif trace.y is not None:
            y = np.asarray(trace.y)
            x = np.asarray(trace.x) if trace.x is not None else np.arange(len(y))
            frames.append(pd.DataFrame({"series": name, x_title: x, y_title: y}))
    if not frames:
        return pd.DataFrame()
    table = pd.concat(frames, ignore_index=True)
    for column in table.columns:  # a column of numbers and words (categories) shows as words
        if table[column].dtype == object:
            table[column] = table[column].map(_number)
    return table
