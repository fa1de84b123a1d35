"""The Loss-balance page's charts as Vega-Lite: a spec that stays the same through a run, and the data.

These charts change every training epoch. Streamlit keeps a Vega-Lite chart's view on the page when
only its data changes and updates it in place, while a Plotly chart is rebuilt from nothing whenever
its figure changes (four Plotly charts took headless Chromium 0.6 to 1 s per epoch on 2 cores, longer
than the epoch itself). So the numbers go in the DataFrame and nothing in a spec depends on them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from explorer.core.colours import DIGIT_COLOURS, TEXT_COLOUR
from explorer.topics.loss_balance.settings import ACTIVE_KL

PART_COLOURS = {"total loss": "#212529", "reconstruction": "#4361ee", "β · KL": "#e63946"}
PART_OF_CURVE = {"loss": "total loss", "recon": "reconstruction", "kl": "β · KL"}
SERIES_COLOURS = {"shipped runs": "#6c757d", "your earlier runs": "#c96500", "this run": "#e63946"}
SMALLEST_KL = 1e-3  # nats: the floor of the KL bars' log axis (a collapsed dimension sits on it)
LEGEND_BELOW = {"orient": "bottom", "direction": "horizontal", "title": None}
LINE_LEGEND = LEGEND_BELOW | {"symbolType": "stroke", "symbolStrokeWidth": 2}
# Text a class can read (README, "Page anatomy"): 14 px or more for ticks, labels and titles.
READABLE = {
    "axis": {"labelFontSize": 14, "titleFontSize": 15, "labelColor": TEXT_COLOUR, "titleColor": TEXT_COLOUR},
    "legend": {"labelFontSize": 14, "titleFontSize": 15, "labelColor": TEXT_COLOUR, "titleColor": TEXT_COLOUR},
    "text": {"fontSize": 14, "color": TEXT_COLOUR},
}


@dataclass(frozen=True)
class Chart:
    spec: dict  # Vega-Lite, without data: fixed for a run, so the browser only swaps the numbers
    data: pd.DataFrame
    summary: str  # what it shows in one sentence, with its numbers, for a student who cannot see it


def readable(spec: dict) -> dict:
    """A spec with READABLE text, the same for every epoch (a spec that changed would redraw the chart)."""
    return spec | {"config": READABLE}


def colour_scale(colours: dict[str, str]) -> dict:
    return {"domain": list(colours), "range": list(colours.values())}


def loss_curves_chart(curves: dict[str, list[float]], beta: float, epochs: int) -> Chart:
    """Total, reconstruction and β-weighted KL per epoch; train solid, test dashed.

    `curves` maps "train_loss", "test_kl", ... to one value per epoch (the KL unweighted, as fit reports it).
    """
    rows = [{"epoch": epoch, "nats": float(value) * (beta if part == "kl" else 1.0), "part": PART_OF_CURVE[part],
             "split": split}
            for part in PART_OF_CURVE for split in ("train", "test")
            for epoch, value in enumerate(curves[f"{split}_{part}"], start=1)]
    spec = {
        "height": 340,
        "mark": {"type": "line", "point": {"size": 25}, "strokeWidth": 2},
        "encoding": {
            "x": {"field": "epoch", "type": "quantitative", "scale": {"domain": [1, max(epochs, 2)]},
                  "axis": {"tickMinStep": 1}},
            "y": {"field": "nats", "type": "quantitative", "title": "nats per image"},
            "color": {"field": "part", "type": "nominal", "scale": colour_scale(PART_COLOURS),
                      "legend": LINE_LEGEND},
            "strokeDash": {"field": "split", "type": "nominal",
                           "scale": {"domain": ["train", "test"], "range": [[1, 0], [5, 3]]},
                           "legend": None},  # the heading above the chart says which is which
            "tooltip": [{"field": "part"}, {"field": "split"}, {"field": "epoch"},
                        {"field": "nats", "format": ".1f"}],
        },
    }
    data = pd.DataFrame(rows, columns=["epoch", "nats", "part", "split"])
    test = data[data["split"] == "test"]
    ends = "; ".join(f"{part} from {values.iloc[0]:.1f} to {values.iloc[-1]:.1f}"
                     for part, values in ((part, test[test["part"] == part]["nats"]) for part in PART_COLOURS)
                     if len(values))
    summary = (f"Loss per epoch at β = {beta:g}, in nats per image, over {test['epoch'].max() if len(test) else 0} "
               f"epochs; on the test images: {ends or 'no epoch yet'}.")
    return Chart(readable(spec), data, summary)


def kl_bars_chart(kl_per_dim: np.ndarray) -> Chart:
    """KL of each latent dimension, largest first; collapsed ones (below ACTIVE_KL) grey, under a dotted line."""
    kl = np.asarray(kl_per_dim, dtype=float)
    data = pd.DataFrame({
        "dimension": [str(d + 1) for d in range(len(kl))],  # numbered from 1, as the page's sliders are
        "kl": np.maximum(kl, SMALLEST_KL),
        "state": np.where(kl > ACTIVE_KL, "active", "collapsed"),
    })
    spec = {
        "height": 240,
        "layer": [
            {"mark": {"type": "bar"},
             "encoding": {
                 "x": {"field": "dimension", "type": "nominal", "sort": "-y",
                       "title": "dimension of the code, largest KL first", "axis": {"labelAngle": 0}},
                 "y": {"field": "kl", "type": "quantitative", "title": "KL (nats, log scale)",
                       "scale": {"type": "log", "domainMin": SMALLEST_KL}},
                 "y2": {"datum": SMALLEST_KL},  # a log axis has no zero for bars to grow from
                 "color": {"field": "state", "type": "nominal",
                           "scale": colour_scale({"active": "#2a9d8f", "collapsed": "#adb5bd"}),
                           "legend": LEGEND_BELOW},
                 "tooltip": [{"field": "dimension", "title": "dimension of the code"},
                             {"field": "kl", "format": ".3f", "title": "KL (nats)"}],
             }},
            {"mark": {"type": "rule", "strokeDash": [2, 2], "color": "#6c757d",
                      "description": f"dotted line: KL {ACTIVE_KL:g} nat, below which a dimension is collapsed"},
             "encoding": {"y": {"datum": ACTIVE_KL}}},
        ],
    }
    active = kl > ACTIVE_KL
    summary = (f"A bar chart of the KL of each of the {len(kl)} dimensions of the code, largest first: {active.sum()} "
               f"active (above {ACTIVE_KL:g} nat, the largest {kl.max():.2f}), {len(kl) - active.sum()} collapsed.")
    return Chart(readable(spec), data, summary)


def latent_scatter_chart(codes_2d: np.ndarray, labels: np.ndarray, latent_dim: int) -> Chart:
    """Test codes coloured by class: the codes themselves at k = 2, else their first two principal components."""
    axis = (("dimension 1 of the code", "dimension 2 of the code") if latent_dim == 2
            else ("principal component 1", "principal component 2"))
    data = pd.DataFrame({"x": codes_2d[:, 0], "y": codes_2d[:, 1], "digit": [str(int(d)) for d in labels]})
    spec = {
        "height": 300,
        "mark": {"type": "circle", "size": 22, "opacity": 0.75},
        "encoding": {
            "x": {"field": "x", "type": "quantitative", "title": axis[0]},
            "y": {"field": "y", "type": "quantitative", "title": axis[1]},
            "color": {"field": "digit", "type": "nominal",
                      "scale": colour_scale({str(d): c for d, c in enumerate(DIGIT_COLOURS)}), "legend": LEGEND_BELOW},
            "tooltip": [{"field": "digit"}],
        },
    }
    return Chart(readable(spec), data, f"A scatter plot of the codes of {len(data):,} test digits, {axis[0]} "
                                       f"against {axis[1]}, coloured by digit.")


def rate_distortion_chart(
    reference: list[tuple[float, float, float]], live: list[tuple[float, float]], live_beta: float | None,
    earlier: list[tuple[float, float, float]] = (),
) -> Chart:
    """Reconstruction (distortion) against KL (rate): the shipped β runs as a curve, this session's runs on it.

    reference and earlier: (β, KL, reconstruction); live: (KL, reconstruction) per epoch of the current run,
    the newest drawn largest.
    """
    rows = [{"series": "shipped runs", "rate": r, "distortion": d, "label": f"β={b:g}", "order": i,
             "newest": False} for i, (b, r, d) in enumerate(sorted(reference))]
    rows += [{"series": "your earlier runs", "rate": r, "distortion": d, "label": f"β={b:g}", "order": i,
              "newest": False} for i, (b, r, d) in enumerate(earlier)]
    rows += [{"series": "this run", "rate": r, "distortion": d, "label": f"β={live_beta:g}, epoch {i + 1}",
              "order": i, "newest": i == len(live) - 1} for i, (r, d) in enumerate(live)]
    data = pd.DataFrame(rows, columns=["series", "rate", "distortion", "label", "order", "newest"])

    def only(*series: str) -> dict:
        return {"filter": {"field": "series", "oneOf": list(series)}}

    position = {
        "x": {"field": "rate", "type": "quantitative", "title": "KL per image (nats, log scale)",
              "scale": {"type": "log"}},  # β = 0 sits far to the right
        "y": {"field": "distortion", "type": "quantitative", "title": "reconstruction (nats)",
              "scale": {"zero": False}},
        "color": {"field": "series", "type": "nominal", "scale": colour_scale(SERIES_COLOURS),
                  "legend": LEGEND_BELOW | {"columns": 2}},  # a narrow column: one row would be cut off
        "order": {"field": "order", "type": "quantitative"},
        "tooltip": [{"field": "label", "title": "run"}, {"field": "rate", "format": ".1f", "title": "KL"},
                    {"field": "distortion", "format": ".1f", "title": "reconstruction"}],
    }
    spec = {
        "height": 340,
        "encoding": position,
        "layer": [
            {"transform": [only("shipped runs", "this run")], "mark": {"type": "line", "strokeWidth": 2}},
            {"mark": {"type": "point", "filled": True},
             "encoding": {"size": {"field": "newest", "type": "nominal", "scale": {"domain": [False, True],
                                                                                    "range": [40, 180]},
                                   "legend": None},
                          "shape": {"field": "series", "type": "nominal",
                                    "scale": {"domain": list(SERIES_COLOURS), "range": ["circle", "diamond", "circle"]},
                                    "legend": None}}},
            {"transform": [only("shipped runs")], "mark": {"type": "text", "align": "left", "dx": 6, "dy": -8},
             "encoding": {"text": {"field": "label"}}},
        ],
    }
    shipped = sorted(reference)
    summary = "Reconstruction against KL"
    if shipped:
        summary += (f" for the {len(shipped)} shipped runs, from β = {shipped[0][0]:g} (KL {shipped[0][1]:.1f}, "
                    f"reconstruction {shipped[0][2]:.1f}) to β = {shipped[-1][0]:g} (KL {shipped[-1][1]:.1f}, "
                    f"reconstruction {shipped[-1][2]:.1f})")
    if live:
        summary += (f"; this run at β = {live_beta:g}, epoch {len(live)}: KL {live[-1][0]:.1f}, reconstruction "
                    f"{live[-1][1]:.1f}")
    return Chart(readable(spec), data, summary + ".")
