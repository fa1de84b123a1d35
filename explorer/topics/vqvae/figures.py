"""The VQ-VAE page's charts: numbers in, go.Figure out."""

from __future__ import annotations

import colorsys

import numpy as np
import plotly.graph_objects as go

from explorer.core.colours import AE_COLOUR, PCA_COLOUR
from explorer.topics.vqvae.bits import ROUNDED_BITS, BitsChart

VQ_COLOUR = "#2a9d8f"
PRIOR_COLOUR = "#264653"
PNG_COLOUR = "#6c757d"
NEAREST_COLOUR = "#d62828"
DEAD_COLOUR = "#adb5bd"
INK = "#1f2430"


def code_colours(plane: np.ndarray) -> list[str]:
    """One colour per codebook entry from its place on the codebook's 2-D map: the angle picks the hue and the
    distance from the middle the strength, so entries that lie close together get similar colours."""
    plane = np.asarray(plane, np.float64)
    centred = plane - plane.mean(axis=0)
    radius = np.hypot(centred[:, 0], centred[:, 1])
    strength = 0.35 + 0.6 * radius / max(radius.max(), 1e-12)
    hue = (np.arctan2(centred[:, 1], centred[:, 0]) / (2 * np.pi)) % 1.0
    colours = []
    for h, s in zip(hue, strength, strict=True):
        r, g, b = colorsys.hls_to_rgb(h, 0.62, s)
        colours.append(f"rgb({int(r * 255)},{int(g * 255)},{int(b * 255)})")
    return colours


def token_grid_figure(grid: np.ndarray, colours: list[str], selected: tuple[int, int] | None,
                      changed: np.ndarray | None = None, size: int = 300) -> go.Figure:
    """The 7 x 7 grid: each cell coloured by its entry and labelled with its code index. Every cell is a
    point, so that a click anywhere in it selects it; `changed` cells (edited by hand) are in bold italics."""
    grid = np.asarray(grid)
    rows, columns = np.indices(grid.shape)
    changed = np.zeros(grid.shape, bool) if changed is None else np.asarray(changed, bool)
    labels = [f"<b><i>{code}</i></b>" if edit else str(code) for code, edit in zip(grid.ravel(), changed.ravel(),
                                                                                      strict=True)]
    cell = size / grid.shape[1] * 0.97
    fig = go.Figure(go.Scatter(
        x=columns.ravel(), y=rows.ravel(), mode="markers+text", text=labels, textfont=dict(size=15, color=INK),
        marker=dict(symbol="square", size=cell, color=[colours[c] for c in grid.ravel()], line=dict(width=0)),
        customdata=np.stack([rows.ravel(), columns.ravel(), grid.ravel()], axis=1),
        hovertemplate="row %{customdata[0]}, column %{customdata[1]}: code %{customdata[2]}<extra></extra>",
    ))
    if selected is not None:
        r, c = selected
        fig.add_shape(type="rect", x0=c - 0.5, x1=c + 0.5, y0=r - 0.5, y1=r + 0.5, line=dict(color=INK, width=4))
    fig.update_xaxes(range=[-0.5, grid.shape[1] - 0.5], visible=False, fixedrange=True)
    fig.update_yaxes(range=[grid.shape[0] - 0.5, -0.5], visible=False, fixedrange=True, scaleanchor="x")
    fig.update_layout(width=size, height=size, margin=dict(l=0, r=0, t=0, b=0), showlegend=False,
                      plot_bgcolor="white", clickmode="event", dragmode="pan")
    return fig


def distance_figure(distance: np.ndarray, nearest: int, current: int, dead: np.ndarray, height: int = 190) -> go.Figure:
    """The distance from one cell's encoder vector to every codebook entry; the nearest in red, the entry the cell
    holds now (if another, after an edit) in black, dead entries grey."""
    k = len(distance)
    colours = [NEAREST_COLOUR if i == nearest else INK if i == current else DEAD_COLOUR if i in set(dead.tolist())
               else VQ_COLOUR for i in range(k)]
    fig = go.Figure(go.Bar(x=np.arange(k), y=distance, marker=dict(color=colours),
                           hovertemplate="code %{x}: distance %{y:.2f}<extra></extra>"))
    top = float(distance.max()) * 1.15
    # the label above every bar, with an arrow down to the nearest entry's (often a tiny bar)
    fig.add_annotation(x=nearest, y=float(distance[nearest]), ax=nearest, ay=top, axref="x", ayref="y",
                       text=f"nearest: {nearest}", showarrow=True, arrowhead=2, arrowcolor=NEAREST_COLOUR,
                       yanchor="bottom", font=dict(color=NEAREST_COLOUR))
    fig.update_xaxes(title="code index", range=[-0.7, k - 0.3])
    fig.update_yaxes(title="distance", range=[0, top * 1.2])
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=10, b=10), bargap=0.15)
    return fig


def vector_figure(vector: np.ndarray, entry: np.ndarray, code: int, height: int = 78) -> go.Figure:
    """The cell's encoder vector above the entry in the cell now, as two rows of D coloured numbers
    (red positive, blue negative)."""
    values = np.stack([vector, entry])
    limit = float(np.abs(values).max()) or 1.0
    fig = go.Figure(go.Heatmap(z=values, y=["cell's vector", f"entry {code}"], x=np.arange(len(vector)),
                               colorscale="RdBu_r", zmin=-limit, zmax=limit, showscale=False, xgap=1, ygap=2,
                               hovertemplate="%{y}, number %{x}: %{z:.2f}<extra></extra>"))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=4, b=4))
    return fig


def usage_figure(counts: np.ndarray, dead: np.ndarray, highlight: int | None = None, height: int = 260) -> go.Figure:
    """How many test cells chose each entry; dead entries marked with a cross on the axis."""
    k = len(counts)
    colours = [NEAREST_COLOUR if i == highlight else VQ_COLOUR for i in range(k)]
    fig = go.Figure(go.Bar(x=np.arange(k), y=counts, marker_color=colours, name="cells that chose it",
                           hovertemplate="code %{x}: %{y} cells<extra></extra>"))
    if len(dead):
        fig.add_trace(go.Scatter(x=dead, y=np.zeros(len(dead)), mode="markers", name="dead (never chosen)",
                                 marker=dict(symbol="x", size=11, color=INK)))
    fig.update_xaxes(title="code index", range=[-0.7, k - 0.3])
    fig.update_yaxes(title="test cells")
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=30, b=10), showlegend=bool(len(dead)),
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))
    return fig


def codebook_map_figure(plane: np.ndarray, colours: list[str], counts: np.ndarray, highlight: int | None,
                        share: float, height: int = 300) -> go.Figure:
    """Every entry at its place on the entries' first two principal components, sized by use; dead ones hollow."""
    size = 10 + 22 * np.sqrt(counts / max(counts.max(), 1))
    dead = counts == 0
    fig = go.Figure(go.Scatter(
        x=plane[:, 0], y=plane[:, 1], mode="markers", text=[str(i) for i in range(len(plane))],
        marker=dict(size=size, color=["white" if d else c for d, c in zip(dead, colours, strict=True)],
                    line=dict(color=[INK if i == highlight else "rgba(0,0,0,0.25)" for i in range(len(plane))],
                              width=[3 if i == highlight else 1 for i in range(len(plane))])),
        customdata=counts, hovertemplate="code %{text}: %{customdata} test cells<extra></extra>"))
    if highlight is not None:  # one label, not 64 crowded ones: hover names the others
        fig.add_annotation(x=plane[highlight, 0], y=plane[highlight, 1], text=f"entry {highlight}", showarrow=True,
                           arrowhead=2, ax=40, ay=-30, font=dict(color=INK), bgcolor="rgba(255,255,255,0.8)")
    fig.update_xaxes(title="codebook PC 1", zeroline=False)
    fig.update_yaxes(title="codebook PC 2", zeroline=False)
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=30, b=10), showlegend=False,
                      title=dict(text=f"this plane: {share:.1%} of their spread", font=dict(size=15)))
    return fig


BITS_TICKS = (16, 32, 64, 128, 256, 512, 1024, 2048, 4096)
MSE_TICKS = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1)


def bits_figure(chart: BitsChart, height: int = 470) -> go.Figure:
    """Test error against bits per image: float codes at 32 bits a number, the VQ-VAE's tokens, the tokens
    written with the prior, and the size of a lossless PNG."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=chart.ae_bits, y=chart.ae_mse, name="Autoencoder (k floats)", mode="lines+markers",
                             line=dict(color=AE_COLOUR, width=3), text=[f"k = {k}" for k in chart.ae_ks],
                             hovertemplate="%{text}: %{x:,} bits, MSE %{y:.4f}<extra>AE</extra>"))
    if chart.rounded_bits:
        fig.add_trace(go.Scatter(x=chart.rounded_bits, y=chart.rounded_mse, mode="lines+markers",
                                 name="Autoencoder, numbers rounded to 8 bits",
                                 line=dict(color=AE_COLOUR, width=2, dash="dot"),
                                 marker=dict(symbol="circle-open", size=8),
                                 text=[f"k = {bits // ROUNDED_BITS:.0f}" for bits in chart.rounded_bits],
                                 hovertemplate="%{text}: %{x:,} bits, MSE %{y:.4f}<extra>AE, 8 bits</extra>"))
    fig.add_trace(go.Scatter(x=chart.pca_bits, y=chart.pca_mse, name="PCA (k floats)", mode="lines+markers",
                             line=dict(color=PCA_COLOUR, width=3, dash="dash"), text=[f"k = {k}" for k in chart.ae_ks],
                             hovertemplate="%{text}: %{x:,} bits, MSE %{y:.4f}<extra>PCA</extra>"))
    fig.add_trace(go.Scatter(x=[chart.vq_bits], y=[chart.vq_mse], name=f"VQ-VAE (49 tokens, K = {chart.codebook_size})",
                             mode="markers", marker=dict(color=VQ_COLOUR, size=15, symbol="diamond"),
                             hovertemplate="%{x:.0f} bits, MSE %{y:.4f}<extra>VQ-VAE</extra>"))
    if chart.prior_bits is not None:
        fig.add_trace(go.Scatter(x=[chart.prior_bits], y=[chart.vq_mse], name="VQ-VAE tokens, written with the prior",
                                 mode="markers", marker=dict(color=PRIOR_COLOUR, size=13, symbol="diamond-open",
                                                             line=dict(width=3)),
                                 hovertemplate="%{x:.0f} bits on average<extra>with the prior</extra>"))
    errors = chart.ae_mse + chart.pca_mse + chart.rounded_mse + [chart.vq_mse]
    fig.add_trace(go.Scatter(x=[chart.png_bits] * 2, y=[min(errors), max(errors)], mode="lines",
                             name=f"8-bit PNG of the digit: {chart.png_bits:,.0f} bits, no error",
                             line=dict(color=PNG_COLOUR, width=2, dash="dot"), hoverinfo="skip"))
    bits = [b for b in BITS_TICKS if b <= 2 * chart.png_bits]
    fig.update_xaxes(type="log", title="bits per image (log scale)", tickvals=bits, ticktext=[f"{b:,}" for b in bits])
    fig.update_yaxes(type="log", title="test MSE per pixel", tickvals=[v for v in MSE_TICKS
                                                                       if min(errors) / 2 <= v <= max(errors) * 2])
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=10, b=10),
                      legend=dict(orientation="h", x=0, y=-0.22, xanchor="left", yanchor="top"))
    return fig
