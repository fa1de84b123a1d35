"""The Anomaly page's figures: error histograms with the threshold, the ROC curve, and error against ink."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from explorer.topics.anomaly.by_digit import DigitErrors

NORMAL_COLOUR = "#4361ee"
ANOMALY_COLOUR = "#e63946"


def error_histogram_figure(scores: np.ndarray, is_anomaly: np.ndarray, threshold: float, held_out: int) -> go.Figure:
    """Reconstruction error of normal and anomalous test images, overlaid, with the threshold."""
    fig = go.Figure()
    bins = dict(start=0.0, end=float(np.max(scores)) * 1.01, size=float(np.max(scores)) / 60)
    fig.add_trace(go.Histogram(x=scores[~is_anomaly], name="normal digits (seen in training)", xbins=bins,
                               marker_color=NORMAL_COLOUR, opacity=0.6, histnorm="percent"))
    fig.add_trace(go.Histogram(x=scores[is_anomaly], name=f"anomalies: the unseen {held_out}s", xbins=bins,
                               marker_color=ANOMALY_COLOUR, opacity=0.6, histnorm="percent"))
    fig.add_vline(x=threshold, line=dict(color="#1f2430", width=2, dash="dash"),
                  annotation_text="threshold", annotation_position="top right")
    fig.update_xaxes(title="reconstruction error (MSE per pixel)")
    fig.update_yaxes(title="% of the group")
    fig.update_layout(barmode="overlay", height=340, margin=dict(l=10, r=10, t=30, b=10),
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))
    return fig


def roc_figure(false_positive_rate: np.ndarray, true_positive_rate: np.ndarray, auc: float,
               current: tuple[float, float]) -> go.Figure:
    """The ROC curve with its AUC, chance's diagonal, and the current threshold's point."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name="chance (AUC 0.5)",
                             line=dict(color="#adb5bd", dash="dot")))
    fig.add_trace(go.Scatter(x=false_positive_rate, y=true_positive_rate, mode="lines", name=f"AUC {auc:.3f}",
                             line=dict(color=ANOMALY_COLOUR, width=3, shape="hv")))
    fig.add_trace(go.Scatter(x=[current[0]], y=[current[1]], mode="markers", name="this threshold",
                             marker=dict(size=13, color="#1f2430", symbol="x")))
    fig.update_xaxes(title="false alarm rate (normal digits flagged)", range=[-0.02, 1.02])
    fig.update_yaxes(title="recall (anomalies caught)", range=[-0.02, 1.02])
    fig.update_layout(height=340, margin=dict(l=10, r=10, t=30, b=10),
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))
    return fig


def error_against_ink_figure(image_ink: np.ndarray, scores: np.ndarray, is_anomaly: np.ndarray,
                             by_digit: DigitErrors) -> go.Figure:
    """Every test image's error against its ink (faint), and each digit's mean (labelled): inkier digits
    cost more error, so a normal but inky digit can score as high as the unseen one."""
    fig = go.Figure()
    for chosen, name, colour in ((~is_anomaly, "a normal test image", NORMAL_COLOUR),
                                 (is_anomaly, f"an unseen {by_digit.held_out}", ANOMALY_COLOUR)):
        fig.add_trace(go.Scatter(x=image_ink[chosen], y=scores[chosen], mode="markers", name=name,
                                 marker=dict(size=4, color=colour, opacity=0.25), hoverinfo="skip"))
    for chosen, name, colour in ((by_digit.is_normal, "a normal digit's mean", NORMAL_COLOUR),
                                 (~by_digit.is_normal, f"the unseen {by_digit.held_out}s' mean", ANOMALY_COLOUR)):
        fig.add_trace(go.Scatter(
            x=by_digit.mean_ink[chosen], y=by_digit.mean_error[chosen], mode="markers+text", name=name,
            text=[str(digit) for digit in by_digit.digits[chosen]], textposition="middle center",
            textfont=dict(color="white", size=12),
            marker=dict(size=22, color=colour, line=dict(color="#1f2430", width=1)),
            hovertemplate="digit %{text}<br>mean ink %{x:.3f}<br>mean error %{y:.4f}<extra></extra>",
        ))
    fig.update_xaxes(title="ink: the image's mean pixel value")
    fig.update_yaxes(title="reconstruction error (MSE per pixel)", range=[0, float(np.quantile(scores, 0.99)) * 1.05])
    fig.update_layout(height=380, margin=dict(l=10, r=10, t=30, b=10),
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))
    return fig
