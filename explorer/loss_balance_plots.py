"""Pure Plotly figures of the Loss-balance page: numbers in, go.Figure out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from explorer.loss_balance import ACTIVE_KL

PART_COLOURS = {"loss": "#212529", "recon": "#4361ee", "kl": "#e63946"}
PART_NAMES = {"loss": "total loss", "recon": "reconstruction", "kl": "β · KL"}
DIGIT_COLOURS = ["#4361ee", "#f77f00", "#2a9d8f", "#e63946", "#7209b7",
                 "#8d6e63", "#f72585", "#6c757d", "#b5a300", "#00b4d8"]
LAYOUT = dict(margin=dict(l=10, r=10, t=30, b=10), legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))


def loss_curves_figure(curves: dict[str, list[float]], beta: float, epochs: int) -> go.Figure:
    """Total, reconstruction and β-weighted KL per epoch; train solid, test dashed.

    `curves` maps "train_loss", "test_kl", ... to one value per epoch (the KL unweighted, as fit reports it).
    """
    fig = go.Figure()
    for part in ("loss", "recon", "kl"):
        for split, dash in (("train", "solid"), ("test", "dash")):
            values = np.asarray(curves[f"{split}_{part}"], dtype=float) * (beta if part == "kl" else 1.0)
            fig.add_trace(go.Scatter(
                x=list(range(1, len(values) + 1)), y=values, mode="lines+markers", name=f"{PART_NAMES[part]} ({split})",
                line=dict(color=PART_COLOURS[part], dash=dash, width=2), marker=dict(size=4),
                legendgroup=part, showlegend=split == "train" or part == "loss",
            ))
    fig.update_xaxes(title="epoch", range=[0.5, max(epochs, 1) + 0.5])
    fig.update_yaxes(title="nats per image")
    fig.update_layout(height=320, **LAYOUT)
    return fig


def kl_bars_figure(kl_per_dim: np.ndarray) -> go.Figure:
    """KL of each latent dimension, largest first; collapsed dimensions (below ACTIVE_KL) in grey."""
    order = np.argsort(-kl_per_dim, kind="stable")
    values = kl_per_dim[order]
    fig = go.Figure(go.Bar(
        x=[f"z{d}" for d in order], y=np.maximum(values, 1e-3),
        marker_color=["#2a9d8f" if v > ACTIVE_KL else "#adb5bd" for v in values],
        hovertemplate="%{x}: %{y:.3f} nats<extra></extra>",
    ))
    fig.add_hline(y=ACTIVE_KL, line=dict(color="#6c757d", dash="dot"), annotation_text="active above",
                  annotation_position="top right")
    fig.update_yaxes(type="log", title="KL (nats)", range=[-3, max(1.5, float(np.log10(values.max() + 1e-3)) + 0.2)])
    fig.update_layout(height=260, showlegend=False, **LAYOUT)
    return fig


def latent_scatter_figure(codes_2d: np.ndarray, labels: np.ndarray, latent_dim: int) -> go.Figure:
    """Test codes coloured by class: the codes themselves at k = 2, else their first two principal components."""
    fig = go.Figure()
    for digit in np.unique(labels):
        chosen = labels == digit
        fig.add_trace(go.Scattergl(x=codes_2d[chosen, 0], y=codes_2d[chosen, 1], mode="markers", name=str(digit),
                                   marker=dict(size=5, color=DIGIT_COLOURS[int(digit) % 10], opacity=0.75)))
    axis = ("z1", "z2") if latent_dim == 2 else ("principal component 1", "principal component 2")
    fig.update_xaxes(title=axis[0])
    fig.update_yaxes(title=axis[1], scaleanchor="x")
    fig.update_layout(height=320, **LAYOUT)
    return fig


def rate_distortion_figure(
    reference: list[tuple[float, float, float]], live: list[tuple[float, float]], live_beta: float | None,
    earlier: list[tuple[float, float, float]] = (),
) -> go.Figure:
    """Reconstruction (distortion) against KL (rate): the shipped β runs as a curve, this session's runs on it.

    reference and earlier: (β, KL, reconstruction); live: (KL, reconstruction) per epoch of the current run.
    """
    fig = go.Figure()
    if reference:
        betas, rates, distortions = zip(*reference, strict=True)
        fig.add_trace(go.Scatter(x=rates, y=distortions, mode="lines+markers+text", name="shipped runs",
                                 text=[f"β={b:g}" for b in betas], textposition="top right",
                                 line=dict(color="#adb5bd", width=2), marker=dict(size=9, color="#6c757d")))
    if earlier:
        betas, rates, distortions = zip(*earlier, strict=True)
        fig.add_trace(go.Scatter(x=rates, y=distortions, mode="markers", name="your earlier runs",
                                 text=[f"β={b:g}" for b in betas], hovertemplate="%{text}<extra></extra>",
                                 marker=dict(size=9, color="#f77f00", symbol="diamond")))
    if live:
        rates, distortions = zip(*live, strict=True)
        fig.add_trace(go.Scatter(x=rates, y=distortions, mode="lines+markers", name=f"this run (β={live_beta:g})",
                                 line=dict(color="#e63946", width=2), marker=dict(size=[5] * (len(live) - 1) + [13])))
    fig.update_xaxes(title="rate: KL per image (nats)")
    fig.update_yaxes(title="distortion: reconstruction (nats)")
    fig.update_layout(height=360, **LAYOUT)
    return fig
