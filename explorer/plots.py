"""Pure Plotly figure builders: numbers in, go.Figure out."""

from __future__ import annotations

import plotly.graph_objects as go

AE_COLOUR = "#4361ee"
PCA_COLOUR = "#f77f00"


def error_curve_figure(ks: list[int], ae_mse: list[float], pca_mse: list[float], current_k: int) -> go.Figure:
    """Test MSE against k for the AE and PCA, log-log, with the chosen k marked."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=ks, y=ae_mse, name="Autoencoder", mode="lines+markers",
                             line=dict(color=AE_COLOUR, width=3), marker=dict(size=8)))
    fig.add_trace(go.Scatter(x=ks, y=pca_mse, name="PCA (linear)", mode="lines+markers",
                             line=dict(color=PCA_COLOUR, width=3, dash="dash"), marker=dict(size=8)))
    fig.add_vline(x=current_k, line=dict(color="#6c757d", width=2, dash="dot"),
                  annotation_text=f"k = {current_k}", annotation_position="top")
    fig.update_xaxes(type="log", tickvals=ks, ticktext=[str(k) for k in ks], title="latent size k")
    fig.update_yaxes(type="log", title="test MSE per pixel")
    fig.update_layout(height=340, margin=dict(l=10, r=10, t=30, b=10), hovermode="x unified",
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))
    return fig
