"""Pure Plotly figure builders for the Sparse codes page: numbers in, go.Figure out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from explorer.core.colours import AE_COLOUR, TEXT_COLOUR

QUIET_COLOUR = "#adb5bd"


def code_bars_figure(code: np.ndarray, near_zero: float, height: int = 230) -> go.Figure:
    """One bar per unit of the code, the active ones in colour, with the near-zero line drawn. Built in one call:
    the page draws it on every change of a control, and each Plotly update costs milliseconds."""
    on = code > near_zero
    line = dict(type="line", xref="paper", x0=0, x1=1, y0=near_zero, y1=near_zero,
                line=dict(color=TEXT_COLOUR, width=1, dash="dot"))
    return go.Figure(
        go.Bar(x=np.arange(len(code)), y=code, marker_color=np.where(on, AE_COLOUR, QUIET_COLOUR),
               hovertemplate="unit %{x}: %{y:.2f}<extra></extra>"),
        layout=dict(height=height, margin=dict(l=10, r=10, t=10, b=10), bargap=0.15, showlegend=False,
                    shapes=[line], xaxis=dict(title="unit of the code", range=[-1, len(code)]),
                    yaxis=dict(title="value", rangemode="tozero")))


def activation_histogram_figure(codes_by_run: dict[str, np.ndarray], near_zero: float) -> go.Figure:
    """Per run, the share of all (digit, unit) values in each bin, on a log scale: the spike at zero and the
    long tail both show."""
    largest = max(float(codes.max()) for codes in codes_by_run.values())
    edges = np.linspace(0.0, max(largest, near_zero * 2), 41)
    edges[0] = -1e-9  # exact zeros in the first bin
    fig = go.Figure()
    colours = sample_colorscale("Viridis", np.linspace(0.0, 0.85, len(codes_by_run)))  # ordered, like the λs
    for (name, codes), colour in zip(codes_by_run.items(), colours, strict=True):
        counts, _ = np.histogram(codes.ravel(), bins=edges)
        fig.add_trace(go.Scatter(x=(edges[:-1] + edges[1:]) / 2, y=counts / codes.size, mode="lines+markers",
                                 name=name, line_shape="hv", line_color=colour, marker_color=colour))
    fig.update_xaxes(title="value of a unit on a test digit")
    fig.update_yaxes(title="share of all values", type="log")
    fig.update_layout(height=320, margin=dict(l=10, r=10, t=30, b=10),
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))
    return fig
