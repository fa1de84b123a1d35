"""The Latent map page's figure: one model's codes on a 2-D map, clickable everywhere.

Trace roles travel in `legendgroup`, which Streamlit's selection event reports back, so a click
can be told apart: a data point, a random code, or an empty spot (the invisible grid).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from explorer.core.colours import AE_COLOUR, DIGIT_COLOURS, VAE_COLOUR
from explorer.topics.latent_map.pictures import UNSURE_RED

RANDOM_COLOUR = "#111111"
HIGHLIGHT_COLOUR = "#000000"
GRID_GROUP = "grid"
RANDOM_GROUP = "random"
DIGIT_GROUP_PREFIX = "digit-"
MARKED_GROUP = "marked"
OWN_GROUP = "own"
OWN_COLOUR = "#ffd60a"
SHADING_GROUP = "shading"
WALK_GROUP = "walk"
MODEL_COLOURS = {"ae": AE_COLOUR, "vae": VAE_COLOUR}


def shading_trace(grid: np.ndarray, clear: np.ndarray) -> dict:
    """A heat map under the dots: clear where the digit judge calls the cell's decode real, redder the further
    it falls short (pictures.clearness: the red of the tinted decodes). hoverinfo "skip" leaves hovers and
    clicks to the dots and the grid."""
    size = int(round(np.sqrt(len(grid))))
    red = ",".join(str(int(255 * c)) for c in UNSURE_RED)
    return dict(type="heatmap", x=grid[:size, 0], y=grid[::size, 1], z=np.asarray(clear).reshape(size, size),
                zmin=0.0, zmax=1.0, colorscale=[[0.0, f"rgba({red},0.8)"], [1.0, f"rgba({red},0)"]],
                showscale=False, hoverinfo="skip", legendgroup=SHADING_GROUP, name="not judged real")


def colour_key() -> str:
    """HTML for one line above the maps: what the dots, the crosses and the diamonds are (the maps have no
    legend of their own, which would take a third of their height)."""
    digits = " ".join(f'<b style="color:{colour}">● {digit}</b>' for digit, colour in enumerate(DIGIT_COLOURS))
    return f"Digits {digits} &nbsp;·&nbsp; <b>✕</b> random codes &nbsp;·&nbsp; <b>◇ A, B</b> the walk's ends"


def walk_trace(ends: np.ndarray, line: bool) -> dict:
    """The straight walk's two ends, lettered A and B, and joined by a dotted line where the map is exact (there
    the walk's codes land on that line). WebGL, as the dots: Plotly draws WebGL over every SVG trace."""
    return dict(type="scattergl", x=ends[:, 0], y=ends[:, 1], mode="lines+markers+text" if line else "markers+text",
                text=["A", "B"], textposition="top right", textfont=dict(size=18, color=HIGHLIGHT_COLOUR),
                marker=dict(size=13, symbol="diamond-open", color=HIGHLIGHT_COLOUR, line=dict(width=2.5)),
                line=dict(dash="dot", width=2, color=HIGHLIGHT_COLOUR), hoverinfo="skip", legendgroup=WALK_GROUP)


def axis_ranges(grid: np.ndarray, *others: np.ndarray | None) -> tuple[list[float], list[float]]:
    """The x and y ranges that the grid's cells fill, widened for any other points outside them: set, since
    Plotly's own ranges make room for the invisible grid's wide markers and leave a blank frame round the map."""
    size = int(round(np.sqrt(len(grid))))
    half_cell = (grid.max(axis=0) - grid.min(axis=0)) / (2 * max(size - 1, 1))
    points = np.concatenate([grid - half_cell, grid + half_cell] + [np.asarray(o).reshape(-1, 2) for o in others
                                                                    if o is not None])
    low, high = points.min(axis=0), points.max(axis=0)
    return [float(low[0]), float(high[0])], [float(low[1]), float(high[1])]


def latent_map_figure(
    points: np.ndarray,
    labels: np.ndarray,
    grid: np.ndarray,
    *,
    random_points: np.ndarray | None = None,
    marked: np.ndarray | None = None,
    own_point: np.ndarray | None = None,
    shading: np.ndarray | None = None,
    walk_ends: np.ndarray | None = None,
    walk_line: bool = False,
    axis_titles: tuple[str, str] = ("map x", "map y"),
    height: int = 520,
) -> go.Figure:
    """points: N x 2 data codes on the map; grid: G*G x 2 invisible cell centres (row-major from the
    bottom-left) that turn a click on empty space into an event; random_points: R x 2 or None (trace off);
    marked: M x 2 spots to ring; own_point: 1 x 2, where the student's own digit lands (a star);
    shading: G*G, each cell's clearness (pictures.clearness of the digit judge's realism), red where low;
    walk_ends: 2 x 2, the straight walk's ends A and B, joined by a line if walk_line. No legend: the page
    shows colour_key() above the maps."""
    traces = [] if shading is None else [shading_trace(grid, shading)]
    labels = np.asarray(labels)
    for digit in range(10):
        members = np.flatnonzero(labels == digit)
        traces.append(dict(
            type="scattergl", x=points[members, 0], y=points[members, 1], mode="markers", name=str(digit),
            marker=dict(size=5, color=DIGIT_COLOURS[digit], opacity=0.75),
            customdata=members, legendgroup=f"{DIGIT_GROUP_PREFIX}{digit}",
            hovertemplate=f"digit {digit}<br>image #%{{customdata}}<extra></extra>",
        ))
    if random_points is not None:
        traces.append(dict(
            type="scattergl", x=random_points[:, 0], y=random_points[:, 1], mode="markers",
            name="random N(0, I) codes",
            marker=dict(size=8, symbol="x", color=RANDOM_COLOUR, line=dict(width=1, color="white")),
            customdata=np.arange(len(random_points)), legendgroup=RANDOM_GROUP,
            hovertemplate="random code #%{customdata}<extra></extra>",
        ))
    # The invisible grid, with wide markers: Plotly scores a hover by the distance to a marker's edge but
    # floors it higher for wider markers, so a real point under the cursor beats the grid, and a click on
    # empty space, a few pixels from any point, finds the grid.
    traces.append(dict(
        type="scattergl", x=grid[:, 0], y=grid[:, 1], mode="markers", marker=dict(size=20, opacity=0),
        customdata=np.arange(len(grid)), legendgroup=GRID_GROUP, showlegend=False,
        hovertemplate="empty spot: click to decode it<extra></extra>",
    ))
    if marked is not None and len(marked):
        traces.append(dict(
            type="scattergl", x=marked[:, 0], y=marked[:, 1], mode="markers", name="your choice",
            marker=dict(size=18, symbol="circle-open", color=HIGHLIGHT_COLOUR, line=dict(width=3)),
            legendgroup=MARKED_GROUP, hoverinfo="skip",
        ))
    if walk_ends is not None:
        traces.append(walk_trace(walk_ends, walk_line))
    if own_point is not None:
        traces.append(dict(
            type="scattergl", x=own_point[:, 0], y=own_point[:, 1], mode="markers", name="your digit",
            marker=dict(size=22, symbol="star", color=OWN_COLOUR, line=dict(width=2, color="#111111")),
            legendgroup=OWN_GROUP, hovertemplate="your digit<extra></extra>",
        ))
    x_range, y_range = axis_ranges(grid, random_points, own_point)
    layout = dict(
        height=height, margin=dict(l=10, r=10, t=30, b=10), clickmode="event", dragmode="pan",
        hovermode="closest", plot_bgcolor="#fafafa", showlegend=False,
        xaxis=dict(title=dict(text=axis_titles[0]), zeroline=False, showgrid=False, range=x_range),
        yaxis=dict(title=dict(text=axis_titles[1]), zeroline=False, showgrid=False, range=y_range),
    )
    # Plotly's validation of 5,000 points costs ~100 ms per map, on every click; the unit tests
    # validate this figure once instead.
    return go.Figure(dict(data=traces, layout=layout), _validate=False)


def walk_realism_figure(realism: dict[str, np.ndarray], real_enough: float, height: int = 230) -> go.Figure:
    """The digit judge's realism at each step of the straight walk, one line per model, with the line at and
    above which it calls a decode real."""
    steps = len(next(iter(realism.values())))
    labels = ["A"] + [str(step) for step in range(1, steps - 1)] + ["B"]
    traces = [dict(type="scatter", x=labels, y=values, mode="lines+markers", name=kind.upper(),
                   line=dict(color=MODEL_COLOURS[kind], width=3),
                   hovertemplate=f"{kind.upper()}, step %{{x}}: %{{y:.2f}}<extra></extra>")
              for kind, values in realism.items()]
    layout = dict(
        height=height, margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="#fafafa",
        yaxis=dict(title=dict(text="realism (digit judge)"),
                   range=[0, max(1.5, *(float(np.max(values)) + 0.05 for values in realism.values()))]),
        xaxis=dict(title=dict(text="step of the walk"), type="category"),  # else "1".."7" make it numeric
        legend=dict(orientation="h", yanchor="bottom", y=0.02, x=0.01),
        shapes=[dict(type="line", xref="paper", x0=0, x1=1, y0=real_enough, y1=real_enough,
                     line=dict(dash="dot", width=1))],
    )
    return go.Figure(dict(data=traces, layout=layout), _validate=False)  # as the map: the unit tests validate it
