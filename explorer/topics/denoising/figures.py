"""The Denoising page's figure: PSNR against noise level for the noisy input, the AE and the DAE."""

from __future__ import annotations

import plotly.graph_objects as go

from explorer.core.colours import AE_COLOUR

NOISY_COLOUR = "#adb5bd"
DAE_COLOUR = "#2a9d8f"


def psnr_curve_figure(levels: list[float], noisy: list[float], plain: list[float], denoising: list[float],
                      current_level: float) -> go.Figure:
    fig = go.Figure()
    for name, values, colour, dash in (("Noisy input", noisy, NOISY_COLOUR, "dot"),
                                       ("Plain autoencoder", plain, AE_COLOUR, "dash"),
                                       ("Denoising autoencoder", denoising, DAE_COLOUR, "solid")):
        fig.add_trace(go.Scatter(x=levels, y=values, name=name, mode="lines+markers",
                                 line=dict(color=colour, width=3, dash=dash), marker=dict(size=7)))
    fig.add_vline(x=current_level, line=dict(color="#6c757d", width=2, dash="dot"),
                  annotation_text=f"level {current_level:g}", annotation_position="top")
    fig.update_xaxes(title="noise level")
    fig.update_yaxes(title="mean test PSNR (dB), higher is cleaner")
    # The legend under the chart: above it, two rows of names would run into the level's label.
    fig.update_layout(height=400, margin=dict(l=10, r=10, t=30, b=10), hovermode="x unified",
                      legend=dict(orientation="h", yanchor="top", y=-0.2, x=0))
    return fig
