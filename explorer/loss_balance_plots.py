"""Pure Plotly figures of the Loss-balance page: numbers in, go.Figure out.

These are redrawn after every training epoch, so each figure is built in one constructor call:
Plotly validates every add_*/update_* call again, which made the same figures 3 to 4 times slower.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from explorer.loss_balance import ACTIVE_KL

PART_COLOURS = {"loss": "#212529", "recon": "#4361ee", "kl": "#e63946"}
PART_NAMES = {"loss": "total loss", "recon": "reconstruction", "kl": "β · KL"}
DIGIT_COLOURS = ["#4361ee", "#f77f00", "#2a9d8f", "#e63946", "#7209b7",
                 "#8d6e63", "#f72585", "#6c757d", "#b5a300", "#00b4d8"]
MARGIN = dict(l=10, r=10, t=10, b=10)
LEGEND_BELOW = dict(orientation="h", yanchor="top", y=-0.22, x=0)


def loss_curves_figure(curves: dict[str, list[float]], beta: float, epochs: int) -> go.Figure:
    """Total, reconstruction and β-weighted KL per epoch; train solid, test dashed.

    `curves` maps "train_loss", "test_kl", ... to one value per epoch (the KL unweighted, as fit reports it).
    """
    traces = []
    for part in ("loss", "recon", "kl"):
        for split, dash in (("train", "solid"), ("test", "dash")):
            values = np.asarray(curves[f"{split}_{part}"], dtype=float) * (beta if part == "kl" else 1.0)
            traces.append(go.Scatter(
                x=np.arange(1, len(values) + 1), y=values, mode="lines+markers", name=f"{PART_NAMES[part]} ({split})",
                line=dict(color=PART_COLOURS[part], dash=dash, width=2), marker=dict(size=4),
                legendgroup=part, showlegend=split == "train" or part == "loss",
            ))
    return go.Figure(data=traces, layout=go.Layout(
        height=380, margin=MARGIN, legend=LEGEND_BELOW,
        xaxis=dict(title="epoch", range=[0.5, max(epochs, 1) + 0.5]), yaxis=dict(title="nats per image"),
    ))


def kl_bars_figure(kl_per_dim: np.ndarray) -> go.Figure:
    """KL of each latent dimension, largest first; collapsed dimensions (below ACTIVE_KL) in grey."""
    order = np.argsort(-kl_per_dim, kind="stable")
    values = kl_per_dim[order]
    top = max(1.5, float(np.log10(values.max() + 1e-3)) + 0.2)
    return go.Figure(
        data=[go.Bar(x=[f"z{d}" for d in order], y=np.maximum(values, 1e-3),
                     marker_color=["#2a9d8f" if v > ACTIVE_KL else "#adb5bd" for v in values],
                     hovertemplate="%{x}: %{y:.3f} nats<extra></extra>")],
        layout=go.Layout(
            height=260, margin=MARGIN, showlegend=False, yaxis=dict(type="log", title="KL (nats)", range=[-3, top]),
            shapes=[dict(type="line", xref="paper", x0=0, x1=1, y0=ACTIVE_KL, y1=ACTIVE_KL,
                         line=dict(color="#6c757d", dash="dot"))],
            annotations=[dict(text="active above", xref="paper", x=1, xanchor="right", y=np.log10(ACTIVE_KL),
                              yanchor="bottom", showarrow=False, font=dict(color="#6c757d"))],
        ),
    )


def latent_scatter_figure(codes_2d: np.ndarray, labels: np.ndarray, latent_dim: int) -> go.Figure:
    """Test codes coloured by class: the codes themselves at k = 2, else their first two principal components."""
    traces = [go.Scattergl(x=codes_2d[labels == digit, 0], y=codes_2d[labels == digit, 1], mode="markers",
                           name=str(digit), marker=dict(size=5, color=DIGIT_COLOURS[int(digit) % 10], opacity=0.75))
              for digit in np.unique(labels)]
    axis = ("z1", "z2") if latent_dim == 2 else ("principal component 1", "principal component 2")
    return go.Figure(data=traces, layout=go.Layout(
        height=320, margin=MARGIN, legend=LEGEND_BELOW,
        xaxis=dict(title=axis[0]), yaxis=dict(title=axis[1], scaleanchor="x"),
    ))


def rate_distortion_figure(
    reference: list[tuple[float, float, float]], live: list[tuple[float, float]], live_beta: float | None,
    earlier: list[tuple[float, float, float]] = (),
) -> go.Figure:
    """Reconstruction (distortion) against KL (rate): the shipped β runs as a curve, this session's runs on it.

    reference and earlier: (β, KL, reconstruction); live: (KL, reconstruction) per epoch of the current run.
    """
    traces = []
    if reference:
        betas, rates, distortions = zip(*reference, strict=True)
        traces.append(go.Scatter(x=rates, y=distortions, mode="lines+markers+text", name="shipped runs",
                                 text=[f"β={b:g}" for b in betas], textposition="top right",
                                 line=dict(color="#adb5bd", width=2), marker=dict(size=9, color="#6c757d")))
    if earlier:
        betas, rates, distortions = zip(*earlier, strict=True)
        traces.append(go.Scatter(x=rates, y=distortions, mode="markers", name="your earlier runs",
                                 text=[f"β={b:g}" for b in betas], hovertemplate="%{text}<extra></extra>",
                                 marker=dict(size=9, color="#f77f00", symbol="diamond")))
    if live:
        rates, distortions = zip(*live, strict=True)
        traces.append(go.Scatter(x=rates, y=distortions, mode="lines+markers", name=f"this run (β={live_beta:g})",
                                 line=dict(color="#e63946", width=2), marker=dict(size=[5] * (len(live) - 1) + [13])))
    return go.Figure(data=traces, layout=go.Layout(
        height=380, margin=MARGIN, legend=LEGEND_BELOW,
        xaxis=dict(title="rate: KL per image (nats, log scale)", type="log"),  # β = 0 sits far to the right
        yaxis=dict(title="distortion: reconstruction (nats)"),
    ))


def warm_up_figures() -> None:
    """Build each figure once with stand-in numbers: Plotly loads a trace type's validators on first use
    (about half a second each for Scattergl and Bar here), which would otherwise land in a run's first epoch."""
    rng = np.random.default_rng(0)
    loss_curves_figure({f"{s}_{p}": [1.0, 0.5] for s in ("train", "test") for p in ("loss", "recon", "kl")}, 1.0, 2)
    kl_bars_figure(rng.random(4))
    latent_scatter_figure(rng.random((10, 2)), np.arange(10), 2)
    rate_distortion_figure([(1.0, 2.0, 3.0)], [(2.0, 3.0)], 1.0, [(1.0, 2.0, 3.0)])
