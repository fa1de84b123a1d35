"""Inside the VAE's figures: the latent plane with one digit's posterior drawn on it (whole, and close up), and
the computation graph of the reparameterised sample, as Graphviz DOT text with that digit's numbers.

Both planes are drawn to one scale on both axes, with their ranges given: in a new tab, Plotly's own autorange under
that constraint made the whole plane's first draw some 0.8 s slower, and WebGL slower still than SVG for a thousand
dots (docs/benchmarks.md, "Against a floor of every element kind")."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from explorer.core.colours import DIGIT_COLOURS, TEXT_COLOUR, VAE_COLOUR
from explorer.topics.vae_posterior.logic import ELLIPSE_SCALES, Posterior, ellipse_outline

DOTS_GROUP = "test-digits"  # the legend group a click on a test digit's dot reports
SAMPLE_COLOUR = "#e63946"  # the current sample, in the figures and in the reparameterisation's table
CLOSE_UP_SIGMAS = 3.2  # the close-up shows mu +- this many of the larger sigma
AXIS_TITLES = ("dimension 1 of the code", "dimension 2 of the code")


def close_up_window(posterior: Posterior) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) corners of the close-up: a square round mu that holds the +-2 sigma ellipse with room."""
    half = CLOSE_UP_SIGMAS * float(posterior.sigma[:2].max())
    return posterior.mean[:2] - half, posterior.mean[:2] + half


def whole_plane_window(means: np.ndarray, posterior: Posterior) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) corners of the whole plane: a square round every dot and the close-up's square, with room."""
    low, high = close_up_window(posterior)
    low, high = np.minimum(means[:, :2].min(axis=0), low), np.maximum(means[:, :2].max(axis=0), high)
    centre, half = (low + high) / 2, 0.55 * float((high - low).max())
    return centre - half, centre + half


def _dots(means: np.ndarray, labels: np.ndarray, shown: np.ndarray) -> dict:
    """The test digits' mu numbered `shown`, one trace, coloured by digit; customdata: the test digit's number."""
    return dict(type="scatter", x=means[shown, 0], y=means[shown, 1], mode="markers", legendgroup=DOTS_GROUP,
                marker=dict(size=6, color=[DIGIT_COLOURS[d] for d in labels[shown]], opacity=0.7),
                customdata=shown, text=[f"a {label}" for label in labels[shown]],
                hovertemplate="test digit #%{customdata}, %{text}<extra></extra>")


def clicked_digit(points: list[dict]) -> int | None:
    """The test digit whose dot a Plotly selection event names first, or None (a click on mu, the sample, or a
    double-click that empties the selection)."""
    for point in points:
        custom = point.get("customdata")
        if point.get("legendgroup") == DOTS_GROUP and custom is not None:
            return int(custom[0] if isinstance(custom, list | tuple) else custom)
    return None


def _posterior_traces(posterior: Posterior, sample: np.ndarray, others: np.ndarray) -> list[dict]:
    traces = [dict(type="scatter", x=outline[:, 0], y=outline[:, 1], mode="lines", hoverinfo="skip",
                   line=dict(color=VAE_COLOUR, width=3 if scale == 1 else 2, dash="solid" if scale == 1 else "dash"))
              for scale in ELLIPSE_SCALES for outline in [ellipse_outline(posterior, scale)]]
    traces.append(dict(type="scatter", x=others[:, 0], y=others[:, 1], mode="markers", hoverinfo="skip",
                       marker=dict(size=7, color="#555555", symbol="circle-open", line=dict(width=1.5))))
    traces.append(dict(type="scatter", x=posterior.mean[:1], y=posterior.mean[1:2], mode="markers",
                       marker=dict(size=13, symbol="diamond", color=VAE_COLOUR, line=dict(width=1.5, color="white")),
                       hovertemplate="μ<extra></extra>"))
    traces.append(dict(type="scatter", x=sample[:1], y=sample[1:2], mode="markers",
                       marker=dict(size=14, symbol="circle", color=SAMPLE_COLOUR, line=dict(width=2, color="black")),
                       hovertemplate="the sample, μ + σ·ε<extra></extra>"))
    return traces


def posterior_figure(means: np.ndarray, labels: np.ndarray, posterior: Posterior, sample: np.ndarray,
                     others: np.ndarray, *, close_up: bool, height: int) -> go.Figure:
    """The plane of codes with the posterior of one digit: its mu (diamond), the +-1 sigma (solid) and +-2 sigma
    (dashed) ellipses, the current sample (red) and the other samples (grey rings). close_up: only the square
    round mu; else the whole plane, with that square outlined so the two pictures can be matched."""
    low, high = close_up_window(posterior)
    shown = np.arange(len(means))
    if close_up:  # only the dots near the square (its axes may widen to fit the plot's shape): less to send
        reach = high - low
        shown = shown[((means > low - reach) & (means < high + reach)).all(axis=1)]
    traces = [_dots(means, np.asarray(labels), shown), *_posterior_traces(posterior, sample, others)]
    shapes = [] if close_up else [dict(type="rect", x0=low[0], y0=low[1], x1=high[0], y1=high[1],
                                       line=dict(color=TEXT_COLOUR, width=1.5))]
    axes = dict(zeroline=False, showgrid=close_up, gridcolor="#e4e4e4")
    layout = dict(height=height, margin=dict(l=10, r=10, t=10, b=10), clickmode="event", dragmode="pan",
                  hovermode="closest", plot_bgcolor="#fafafa", showlegend=False, shapes=shapes,
                  xaxis=dict(title=dict(text=AXIS_TITLES[0]), **axes),
                  yaxis=dict(title=dict(text=AXIS_TITLES[1]), scaleanchor="x", scaleratio=1, **axes))
    shown_low, shown_high = (low, high) if close_up else whole_plane_window(means, posterior)
    layout["xaxis"]["range"] = [float(shown_low[0]), float(shown_high[0])]
    layout["yaxis"]["range"] = [float(shown_low[1]), float(shown_high[1])]
    return go.Figure(dict(data=traces, layout=layout), _validate=False)  # the unit tests validate it once


def _pair(values: np.ndarray) -> str:
    return ", ".join(f"{value:.3f}" for value in values)


def computation_graph(posterior: Posterior, eps: np.ndarray, sample: np.ndarray, what: str) -> str:
    """DOT text: x -> encoder -> mu, log sigma^2 -> z <- eps; z -> decoder -> x_hat -> loss, with this digit's
    numbers; the red edges carry gradients back to the encoder, eps's edge carries none. `what`: the digit, in words
    ("test digit #12, a 3" or "your digit")."""
    red = f'color="{SAMPLE_COLOUR}", penwidth=2'
    return f"""digraph {{
  rankdir=TB; bgcolor="transparent"; nodesep=0.4; ranksep=0.35;
  node [shape=box, style="rounded,filled", fillcolor="#f3eefa", color="{VAE_COLOUR}",
        fontname="sans-serif", fontsize=16];
  edge [fontname="sans-serif", fontsize=14];
  x [label="x\\n{what}"];
  encoder [label="encoder\\n(weights)"];
  mu [label="μ\\n({_pair(posterior.mean)})"];
  logvar [label="log σ²\\n({_pair(posterior.logvar)})"];
  sigma [label="σ = exp(log σ² / 2)\\n({_pair(posterior.sigma)})"];
  eps [label="ε ~ N(0, 1)\\n({_pair(eps)})", fillcolor="#ffffff", style="rounded,dashed"];
  z [label="z = μ + σ·ε\\n({_pair(sample)})", fillcolor="#fde2e4", color="{SAMPLE_COLOUR}"];
  decoder [label="decoder\\n(weights)"];
  xhat [label="x̂\\nthe decode of z"];
  loss [label="loss\\nreconstruction + KL"];
  {{rank=same; x; encoder;}} {{rank=same; mu; logvar;}} {{rank=same; sigma; eps;}} {{rank=same; decoder; xhat; loss;}}
  x -> encoder -> mu; encoder -> logvar -> sigma;
  mu -> z [{red}]; sigma -> z [{red}]; eps -> z [style=dashed];
  z -> decoder -> xhat -> loss;
  mu -> loss [style=dotted, label="KL"]; logvar -> loss [style=dotted];
}}"""
