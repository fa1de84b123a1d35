"""Plotly figures of the Diffusion page. Animations carry their frames, a Play button and a
slider, so they play in the browser without asking the server for anything."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from explorer.core.colours import TEXT_COLOUR
from explorer.core.images import tile, to_uint8
from explorer.models.digit_judge import JudgeScores
from explorer.topics.diffusion.logic import ForwardFrames, ReverseFrames

SIGNAL_COLOUR = "#4361ee"
NOISE_COLOUR = "#c96500"
HISTOGRAM_COLOUR = "#6c757d"
FRAME_MS = 120
FORWARD_HEIGHT, FORWARD_MARGIN = 480, dict(l=10, r=10, t=110, b=90)  # px; the top margin holds Play and the slider
REVERSE_HEIGHT, REVERSE_MARGIN = 440, dict(l=10, r=10, t=95, b=5)  # fits a 1366 x 768 screen under the controls
FINISHED = "Finished samples"  # the reverse animations' last frame, which they open on
QUALITY_ORDER = ("pixel_ddim", "latent_ddpm", "vae_prior", "real")  # the manifest sorts its keys
GREYS = [[0.0, "black"], [1.0, "white"]]


def _animation_controls(frame_names: list[str], prefix: str, *, plot_height: int, top_margin: int,
                        active: int = 0) -> dict:
    """A Play / Pause pair and a slider over the frames, as Plotly layout settings, in the figure's top
    margin: above the pictures, where a student looks first. `active` is the frame the slider opens on.

    Play goes on from the frame shown; from the last frame it starts again at the first (Plotly's
    `fromcurrent`), so a figure that opens on its result still plays from the start."""
    top = 1 + top_margin / plot_height  # the top of the figure, in the plot area's units
    play = dict(label="▶ Play", method="animate",
                args=[None, dict(frame=dict(duration=FRAME_MS, redraw=True), fromcurrent=True,
                                 transition=dict(duration=0), mode="immediate")])
    pause = dict(label="⏸ Pause", method="animate",
                 args=[[None], dict(frame=dict(duration=0, redraw=False), mode="immediate")])
    steps = [dict(label=name, method="animate",
                  args=[[name], dict(frame=dict(duration=0, redraw=True), mode="immediate",
                                     transition=dict(duration=0))]) for name in frame_names]
    return dict(
        updatemenus=[dict(type="buttons", buttons=[play, pause], direction="left", x=0, y=top,
                          xanchor="left", yanchor="top", pad=dict(t=22, r=10), showactive=False,
                          font=dict(size=15))],
        # 50 tick labels would overprint each other: they are hidden, the current one is shown above
        sliders=[dict(steps=steps, active=active, x=0.2, len=0.8, y=top, yanchor="top", pad=dict(t=0, b=0),
                      font=dict(color="rgba(0,0,0,0)"), ticklen=3,  # currentvalue sets its own colour
                      currentvalue=dict(prefix=prefix, xanchor="left", font=dict(size=15, color=TEXT_COLOUR)))],
    )


def _image_trace(image: np.ndarray) -> go.Heatmap:
    """A grey image as a heatmap of bytes: drawn at once on every frame (an image trace with a PNG
    source loads asynchronously and stays blank while an animation plays)."""
    return go.Heatmap(z=to_uint8(image), zmin=0, zmax=255, colorscale=GREYS, showscale=False, hoverinfo="skip")


def _hide_image_axes(fig: go.Figure, count: int) -> None:
    for i in range(1, count + 1):
        fig.update_xaxes(visible=False, constrain="domain", row=1, col=i)
        fig.update_yaxes(visible=False, autorange="reversed", scaleanchor=f"x{i if i > 1 else ''}", row=1, col=i)


def _shown(x_t: np.ndarray) -> np.ndarray:
    """x_t in the [-1, 1] signal range -> grey levels; noise beyond the range saturates."""
    return np.clip((x_t + 1) / 2, 0, 1)


def forward_figure(frames: ForwardFrames) -> go.Figure:
    """x_t, the signal / noise curves with t marked, and the pixel histogram, animated over t."""
    fig = make_subplots(rows=1, cols=3, column_widths=[0.3, 0.38, 0.32], horizontal_spacing=0.07,
                        subplot_titles=("x_t", "How much image and noise x_t holds", "Pixel values of x_t"))
    t_axis = np.arange(len(frames.signal_levels))
    first = frames.steps[0]
    centres = (frames.bin_edges[:-1] + frames.bin_edges[1:]) / 2
    width = frames.bin_edges[1] - frames.bin_edges[0]
    fig.add_trace(_image_trace(_shown(frames.images[0])), row=1, col=1)  # trace 0
    fig.add_trace(go.Scatter(x=t_axis, y=frames.signal_levels, name="signal √ᾱ_t",
                             line=dict(color=SIGNAL_COLOUR, width=3)), row=1, col=2)  # trace 1
    fig.add_trace(go.Scatter(x=t_axis, y=frames.noise_levels, name="noise √(1−ᾱ_t)",
                             line=dict(color=NOISE_COLOUR, width=3)), row=1, col=2)  # trace 2
    fig.add_trace(_level_markers(frames, first), row=1, col=2)  # trace 3
    fig.add_trace(go.Bar(x=centres, y=frames.histograms[0], width=width, marker_color=HISTOGRAM_COLOUR,
                         name="pixels of x_t", showlegend=False), row=1, col=3)  # trace 4
    normal = np.exp(-centres**2 / 2) / np.sqrt(2 * np.pi) * width
    fig.add_trace(go.Scatter(x=centres, y=normal, name="N(0, 1)", line=dict(color="#d62828", width=2, dash="dot")),
                  row=1, col=3)  # trace 5
    names = [f"t = {t}" for t in frames.steps]
    fig.frames = [
        go.Frame(name=name, traces=[0, 3, 4],
                 data=[go.Heatmap(z=to_uint8(_shown(image))), _level_markers(frames, t), go.Bar(y=histogram)])
        for name, t, image, histogram in zip(names, frames.steps, frames.images, frames.histograms, strict=True)
    ]
    _hide_image_axes(fig, 1)
    fig.update_xaxes(title="step t", range=[0, len(t_axis)], row=1, col=2)
    fig.update_yaxes(range=[0, 1.05], row=1, col=2)
    fig.update_xaxes(title="pixel value", range=[-4, 4], row=1, col=3)
    fig.update_yaxes(title="share of pixels", range=[0, max(0.3, float(frames.histograms[0].max()) * 1.05)],
                     row=1, col=3)
    plot_height = FORWARD_HEIGHT - FORWARD_MARGIN["t"] - FORWARD_MARGIN["b"]
    fig.update_layout(height=FORWARD_HEIGHT, margin=FORWARD_MARGIN, showlegend=True, font_color=TEXT_COLOUR,
                      legend=dict(orientation="h", yanchor="top", y=-55 / plot_height, x=0.3),
                      **_animation_controls(names, "Step ", plot_height=plot_height, top_margin=FORWARD_MARGIN["t"]))
    return fig


def _level_markers(frames: ForwardFrames, t: int) -> go.Scatter:
    return go.Scatter(x=[t, t], y=[frames.signal_levels[t], frames.noise_levels[t]], mode="markers",
                      marker=dict(size=13, color=[SIGNAL_COLOUR, NOISE_COLOUR], line=dict(color="white", width=2)),
                      name="now", showlegend=False, hoverinfo="x+y")


PIXEL_TITLES = ("x_t: what the sampler holds", "The network's guess of the clean x_0")
LATENT_TITLES = ("x_t: the code the sampler holds, decoded", "The guess of the clean code, decoded")


def reverse_figure(frames: ReverseFrames, *, titles: tuple[str, str] = PIXEL_TITLES, columns: int = 4) -> go.Figure:
    """The batch's x_t beside the network's guess of x_0, animated from pure noise to the samples. It opens
    on its last frame, the finished samples: the result first, and ▶ Play shows how they came out of static."""
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.04, subplot_titles=titles)
    grids = [(tile(noisy, columns), tile(guess, columns)) for noisy, guess in zip(frames.noisy, frames.predicted,
                                                                                   strict=True)]
    grids.append((tile(frames.samples, columns), tile(frames.samples, columns)))  # end on the result
    names = [f"Step t = {t}" for t in frames.steps] + [FINISHED]
    fig.add_trace(_image_trace(grids[-1][0]), row=1, col=1)
    fig.add_trace(_image_trace(grids[-1][1]), row=1, col=2)
    fig.frames = [go.Frame(name=name, traces=[0, 1], data=[go.Heatmap(z=to_uint8(grid)) for grid in pair])
                  for name, pair in zip(names, grids, strict=True)]
    _hide_image_axes(fig, 2)
    plot_height = REVERSE_HEIGHT - REVERSE_MARGIN["t"] - REVERSE_MARGIN["b"]
    fig.update_layout(height=REVERSE_HEIGHT, margin=REVERSE_MARGIN, font_color=TEXT_COLOUR,
                      **_animation_controls(names, "", plot_height=plot_height, top_margin=REVERSE_MARGIN["t"],
                                            active=len(names) - 1))
    return fig


def quality_figure(quality: dict[str, JudgeScores]) -> go.Figure:
    """Each way of sampling, as grouped bars: the share the digit judge calls real, and beside it the digit
    classifier's mean confidence (the old measure, which static scores high on too); FID in the hover text."""
    fig = go.Figure()
    methods = [m for m in QUALITY_ORDER if m in quality] + [m for m in quality if m not in QUALITY_ORDER]
    labels = [quality[m].method.split(" (")[0] for m in methods]  # the details go in the hover text
    details = [f"{quality[m].method}<br>{quality[m].images} images, FID {quality[m].fid:.0f}" for m in methods]
    for measure, name, colour in (("share_real", "judged real by the digit judge", SIGNAL_COLOUR),
                                  ("mean_confidence", "the classifier's confidence", NOISE_COLOUR)):
        values = [getattr(quality[m], measure) for m in methods]
        fig.add_trace(go.Bar(x=labels, y=values, name=name, marker_color=colour, customdata=details,
                             text=[f"{v:.2f}" for v in values], textposition="outside",
                             hovertemplate="%{customdata}<br>" + name + ": %{y:.3f}<extra></extra>"))
    fig.update_yaxes(range=[0, 1.15], title="share judged real · confidence")
    fig.update_layout(barmode="group", height=380, margin=dict(l=10, r=10, t=30, b=10), font_color=TEXT_COLOUR,
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))
    return fig
