"""Pure Plotly figure builders for the Inside the network page: numbers in, go.Figure out.

Each figure is made in one constructor call, not by a string of update_* calls: every call validates the whole
figure again, and these two are drawn anew on every move of a control."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from explorer.core.colours import AE_COLOUR, PCA_COLOUR
from explorer.topics.inside_network.comparison import Pair

MLP_COLOUR = PCA_COLOUR  # the model without convolutions, in the colour of the other model without them
CONV_COLOUR = AE_COLOUR
SHIFT_TRAINED_COLOUR = "#6c757d"
MARK_COLOUR = "#1f2430"


def code_bars_figure(code: np.ndarray, height: int = 250) -> go.Figure:
    """The code's k numbers as horizontal bars, dimension 1 at the top."""
    dimensions = [f"{i + 1}" for i in range(len(code))]
    bars = go.Bar(x=code, y=dimensions, orientation="h", marker_color=CONV_COLOUR,
                  hovertemplate="dimension %{y} of the code: %{x:.2f}<extra></extra>")
    layout = dict(height=height, margin=dict(l=5, r=5, t=5, b=5), bargap=0.15,
                  yaxis=dict(autorange="reversed", title="dimension", dtick=1),  # every dimension named
                  xaxis=dict(title="value", zeroline=True, zerolinecolor=MARK_COLOUR))
    return go.Figure(data=[bars], layout=layout)


def shift_curve_figure(pair: Pair, current_shift: int) -> go.Figure:
    """Test MSE against shift for both models (and the conv AE trained on shifted digits), the chosen shift
    marked."""
    trained = pair.shift_trained
    lines = ((f"{pair.mlp.label} ({pair.mlp.epochs} epochs)", pair.mlp.curve, MLP_COLOUR, "solid"),
             (f"{pair.conv.label} ({pair.conv.epochs} epochs)", pair.conv.curve, CONV_COLOUR, "solid"),
             (f"conv AE trained {trained.epochs} epochs with shifts of up to {trained.max_shift} px", trained.curve,
              SHIFT_TRAINED_COLOUR, "dot"))
    traces = [go.Scatter(x=curve.shifts, y=curve.mse, name=label, mode="lines+markers",
                         line=dict(color=colour, width=3, dash=dash), marker=dict(size=8))
              for label, curve, colour, dash in lines]
    layout = dict(height=300, margin=dict(l=10, r=10, t=10, b=10), hovermode="x unified",
                  legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
                  xaxis=dict(title="shift (pixels)", tickvals=pair.mlp.curve.shifts),
                  yaxis=dict(title="test MSE per pixel", rangemode="tozero"),
                  shapes=[dict(type="line", xref="x", yref="paper", x0=current_shift, x1=current_shift, y0=0, y1=1,
                               line=dict(color=MARK_COLOUR, width=1, dash="dot"))])
    return go.Figure(data=traces, layout=layout)
