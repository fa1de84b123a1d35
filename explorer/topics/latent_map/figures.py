"""The Latent map page's figure: one model's codes on a 2-D map, clickable everywhere.

Trace roles travel in `legendgroup`, which Streamlit's selection event reports back, so a click
can be told apart: a data point, a random code, or an empty spot (the invisible grid).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from explorer.core.colours import DIGIT_COLOURS

RANDOM_COLOUR = "#111111"
HIGHLIGHT_COLOUR = "#000000"
GRID_GROUP = "grid"
RANDOM_GROUP = "random"
DIGIT_GROUP_PREFIX = "digit-"
MARKED_GROUP = "marked"
OWN_GROUP = "own"
OWN_COLOUR = "#ffd60a"


def latent_map_figure(
    points: np.ndarray,
    labels: np.ndarray,
    grid: np.ndarray,
    *,
    random_points: np.ndarray | None = None,
    marked: np.ndarray | None = None,
    own_point: np.ndarray | None = None,
    axis_titles: tuple[str, str] = ("map x", "map y"),
    height: int = 520,
) -> go.Figure:
    """points: N x 2 data codes on the map; grid: G x 2 invisible cell centres that turn a click on
    empty space into an event; random_points: R x 2 or None (trace off); marked: M x 2 spots to ring;
    own_point: 1 x 2, where the student's own digit lands (a star)."""
    traces = []
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
    if own_point is not None:
        traces.append(dict(
            type="scattergl", x=own_point[:, 0], y=own_point[:, 1], mode="markers", name="your digit",
            marker=dict(size=22, symbol="star", color=OWN_COLOUR, line=dict(width=2, color="#111111")),
            legendgroup=OWN_GROUP, hovertemplate="your digit<extra></extra>",
        ))
    layout = dict(
        height=height, margin=dict(l=10, r=10, t=30, b=10), clickmode="event", dragmode="pan",
        hovermode="closest", plot_bgcolor="#fafafa",
        # Below the axis: on top, Plotly's toolbar covered the legend whenever the mouse was on the map.
        legend=dict(orientation="h", yanchor="top", y=-0.15, x=0, itemsizing="constant"),
        xaxis=dict(title=dict(text=axis_titles[0]), zeroline=False, showgrid=False),
        yaxis=dict(title=dict(text=axis_titles[1]), zeroline=False, showgrid=False),
    )
    # Plotly's validation of 5,000 points costs ~100 ms per map, on every click; the unit tests
    # validate this figure once instead.
    return go.Figure(dict(data=traces, layout=layout), _validate=False)
