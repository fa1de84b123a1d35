"""Pure Plotly figure builders for the Shapes page: numbers in, go.Figure out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from explorer.core.colours import TEXT_COLOUR, VAE_COLOUR
from explorer.core.shapes import FACTOR_NAMES

LIVE_COLOUR = "#c96500"
MATRIX_HEIGHT = 330  # px: the shipped run's matrix, beside its walk


def factor_matrix_figure(normalised: np.ndarray, dim_labels: list[str], height: int = MATRIX_HEIGHT) -> go.Figure:
    """Rows: the code's dimensions (in the order given by dim_labels' rows); columns: the true factors; each
    cell the share of the factor's information that the dimension holds (normalised mutual information)."""
    return go.Figure(
        go.Heatmap(z=normalised, x=list(FACTOR_NAMES), y=dim_labels, zmin=0, zmax=1, colorscale="Purples",
                   text=np.round(normalised, 2), texttemplate="%{text:.2f}", showscale=False,
                   hovertemplate="%{y} holds %{z:.0%} of what there is to know about %{x}<extra></extra>"),
        layout=dict(height=height, margin=dict(l=10, r=10, t=30, b=10),
                    xaxis=dict(side="top", title=None), yaxis=dict(autorange="reversed", title=None)))


def mig_figure(betas: list[float], migs: list[float], ranges: list[tuple[float, float]], chosen: float | None = None,
               live: tuple[float, float] | None = None, height: int = 280) -> go.Figure:
    """MIG of each shipped run against β (log scale), with a bar over the range of its seeds; the chosen run
    ringed, a live run as its own point."""
    low = [mig - lowest for mig, (lowest, _) in zip(migs, ranges, strict=True)]
    high = [highest - mig for mig, (_, highest) in zip(migs, ranges, strict=True)]
    fig = go.Figure(go.Scatter(x=betas, y=migs, mode="lines+markers", name="shipped runs (bars: all seeds)",
                               line=dict(color=VAE_COLOUR), marker=dict(size=9),
                               error_y=dict(type="data", symmetric=False, array=high, arrayminus=low, width=6),
                               hovertemplate="β = %{x:g}: MIG %{y:.3f}<extra></extra>"))
    if chosen is not None and chosen in betas:
        fig.add_trace(go.Scatter(x=[chosen], y=[migs[betas.index(chosen)]], mode="markers", name="shown above",
                                 marker=dict(size=18, color="rgba(0,0,0,0)", line=dict(color=TEXT_COLOUR, width=2)),
                                 hoverinfo="skip"))
    if live is not None:
        fig.add_trace(go.Scatter(x=[live[0]], y=[live[1]], mode="markers", name="your run",
                                 marker=dict(size=12, symbol="diamond", color=LIVE_COLOUR),
                                 hovertemplate="your run, β = %{x:g}: MIG %{y:.3f}<extra></extra>"))
    top = max([*migs, *(highest for _, highest in ranges), live[1] if live else 0.0, 0.1])
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=10, b=10), showlegend=True,
                      legend=dict(orientation="h", y=-0.3), xaxis=dict(type="log", title="β", tickvals=betas),
                      yaxis=dict(title="MIG (0 to 1)", range=[0, 1.15 * top]))
    return fig
