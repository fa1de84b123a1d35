"""Pure Plotly figure builders: numbers in, go.Figure out."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from explorer.core.colours import AE_COLOUR, PCA_COLOUR


def log_ticks(low: float, high: float) -> list[float]:
    """1-2-5 ticks covering [low, high]: readable labels on a log axis instead of every minor digit."""
    exponents = range(math.floor(math.log10(low)) - 1, math.ceil(math.log10(high)) + 1)
    candidates = [m * 10.0**e for e in exponents for m in (1, 2, 5)]
    below = max(c for c in candidates if c <= low)
    above = min(c for c in candidates if c >= high)
    return [c for c in candidates if below <= c <= above]


def error_curve_figure(ks: list[int], ae_mse: list[float], pca_mse: list[float], current_k: int) -> go.Figure:
    """Test MSE against k for the AE and PCA, log-log, with the chosen k marked."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=ks, y=ae_mse, name="Autoencoder", mode="lines+markers",
                             line=dict(color=AE_COLOUR, width=3), marker=dict(size=8)))
    fig.add_trace(go.Scatter(x=ks, y=pca_mse, name="PCA (linear)", mode="lines+markers",
                             line=dict(color=PCA_COLOUR, width=3, dash="dash"), marker=dict(size=8)))
    # The chosen k as a trace, not a shape: shapes on log axes take log10 coordinates.
    i = ks.index(current_k)
    everything = ae_mse + pca_mse
    fig.add_trace(go.Scatter(x=[current_k, current_k], y=[min(everything), max(everything)],
                             mode="lines", line=dict(color="#6c757d", width=2, dash="dot"),
                             name=f"k = {current_k}", hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=[current_k, current_k], y=[ae_mse[i], pca_mse[i]], mode="markers",
                             marker=dict(size=16, color="rgba(0,0,0,0)", line=dict(color="#1f2430", width=2)),
                             showlegend=False, hoverinfo="skip"))
    fig.update_xaxes(type="log", tickvals=ks, ticktext=[str(k) for k in ks], title="code size k")
    fig.update_yaxes(type="log", title="test MSE per pixel", tickvals=log_ticks(min(everything), max(everything)))
    fig.update_layout(height=340, margin=dict(l=10, r=10, t=30, b=10), hovermode="x unified",
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))
    return fig
