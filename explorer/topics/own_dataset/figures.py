"""The Your-data-set page's pictures: a preview of the images, class by class, and the map of the codes."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from explorer.core.colours import AE_COLOUR, DIGIT_COLOURS

PREVIEW_PER_CLASS = 8
PREVIEW_CLASSES = 6  # rows: more classes are counted, not shown
PREVIEW_UNLABELLED = 24  # three rows
MAP_HEIGHT = 300


def preview(images: np.ndarray, labels: np.ndarray | None, class_names: tuple[str, ...]
            ) -> list[tuple[str, np.ndarray]]:
    """(caption, images) rows: the first images of each class (up to PREVIEW_CLASSES classes), or without labels
    the first PREVIEW_UNLABELLED images, PREVIEW_PER_CLASS a row, with no names."""
    if labels is None:
        return [("", images[start:start + PREVIEW_PER_CLASS])
                for start in range(0, min(PREVIEW_UNLABELLED, len(images)), PREVIEW_PER_CLASS)]
    rows = []
    for index, name in enumerate(class_names[:PREVIEW_CLASSES]):
        members = np.flatnonzero(labels == index)[:PREVIEW_PER_CLASS]
        if len(members):
            rows.append((name, images[members]))
    return rows


def class_colour(index: int) -> str:
    return DIGIT_COLOURS[index % len(DIGIT_COLOURS)]


def code_map_figure(points: np.ndarray, labels: np.ndarray | None, class_names: tuple[str, ...],
                    axis_title: str) -> go.Figure:
    """The codes as dots on a plane, one colour per class (one colour without labels)."""
    fig = go.Figure()
    if labels is None:
        fig.add_trace(go.Scattergl(x=points[:, 0], y=points[:, 1], mode="markers", name="images",
                                   marker=dict(size=5, color=AE_COLOUR, opacity=0.7)))
    else:
        for index, name in enumerate(class_names):
            members = labels == index
            if members.any():
                fig.add_trace(go.Scattergl(x=points[members, 0], y=points[members, 1], mode="markers", name=name,
                                           marker=dict(size=5, color=class_colour(index), opacity=0.75)))
    fig.update_xaxes(title=f"{axis_title} 1", zeroline=False)
    fig.update_yaxes(title=f"{axis_title} 2", zeroline=False)
    fig.update_layout(height=MAP_HEIGHT, margin=dict(l=10, r=10, t=10, b=10), showlegend=labels is not None,
                      legend=dict(orientation="v", x=1.0, y=1.0, itemsizing="constant"))
    return fig
