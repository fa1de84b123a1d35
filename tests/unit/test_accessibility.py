"""What WCAG 2.1 AA asks of the app that a test can read without a browser (the browser's check, axe-core on every
page, is tests/e2e/test_accessibility_in_browser.py): every picture and chart has a text alternative, charts
say what they show in a sentence and give their data as a table, and colours keep their contrast."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import colorspacious
import numpy as np
import plotly.graph_objects as go
import pytest

from explorer.core.chart_text import figure_summary, figure_table
from explorer.core.colours import AE_COLOUR, DIGIT_COLOURS, PCA_COLOUR, TEXT_COLOUR, VAE_COLOUR

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*sorted((ROOT / "explorer").rglob("*.py")), *sorted((ROOT / "app_pages").glob("*.py"))]
# Streamlit's elements that draw a picture or a chart: each must be given its text alternative, `alt`.
PICTURES = {"image", "plotly_chart", "vega_lite_chart", "altair_chart", "line_chart", "bar_chart",
            "area_chart", "scatter_chart", "graphviz_chart", "pyplot"}
# The shared helpers that draw pictures: `alt` is theirs to pass on (show_figure computes one if none is given).
HELPERS = {"show_digit", "show_heat_map"}


def calls_without_alt() -> list[str]:
    missing = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in PICTURES | HELPERS and not any(keyword.arg == "alt" for keyword in node.keywords):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    return missing


def test_every_picture_and_chart_is_given_a_text_alternative():
    assert calls_without_alt() == []


def test_a_charts_sentence_names_its_axes_and_each_series_with_its_numbers():
    figure = go.Figure([go.Scatter(x=[2, 8, 64], y=[0.05, 0.02, 0.004], name="Autoencoder", mode="lines+markers"),
                        go.Scatter(x=[8, 8], y=[0, 1], name="k = 8", hoverinfo="skip")])
    figure.update_xaxes(title="code size k")
    figure.update_yaxes(title="test MSE")
    sentence = figure_summary(figure)
    assert sentence == "A line chart of test MSE against code size k: Autoencoder: from 0.05 (code size k 2) to " \
                       "0.004 (code size k 64)."
    assert "k = 8" not in sentence  # a marker the chart's own hover skips is no data


def test_a_charts_table_holds_every_shown_value_and_leaves_pictures_out():
    bars = go.Figure([go.Bar(x=["a", "b", "c"], y=[3, 1, 2], name="count")])
    bars.update_xaxes(title="entry")
    table = figure_table(bars)
    assert list(table.columns) == ["series", "entry", "y"] and table["y"].tolist() == [3, 1, 2]
    assert "3 bars from 1 (entry b) to 3 (entry a)" in figure_summary(bars)
    pixels = go.Figure([go.Heatmap(z=np.zeros((28, 28)))])
    assert figure_table(pixels).empty and "28 × 28 grid" in figure_summary(pixels)


def relative_luminance(colour: str) -> float:
    channels = np.array([int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)])
    linear = np.where(channels <= 0.03928, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


def contrast(a: str, b: str) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def tint(colour: str, alpha: float) -> str:
    """`colour` laid at `alpha` over white: how Streamlit draws a selected button's background."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(255 * (1 - alpha) + c * alpha):02x}" for c in channels)


NON_TEXT, TEXT = 3.0, 4.5  # WCAG 2.1 AA: 1.4.11 for the parts of charts and controls, 1.4.3 for text


@pytest.mark.parametrize("colour", [*DIGIT_COLOURS, AE_COLOUR, VAE_COLOUR, PCA_COLOUR])
def test_chart_colours_stand_out_from_white(colour):
    assert contrast(colour, "#ffffff") >= NON_TEXT


def test_text_and_the_themes_selected_buttons_are_readable():
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    assert contrast(TEXT_COLOUR, "#ffffff") >= TEXT and contrast(theme["textColor"], theme["backgroundColor"]) >= TEXT
    # a selected and a focused segmented button: the primary colour on a 10% and a 20% tint of itself (axe
    # measured the old #4361ee at 4.38 on the first)
    assert min(contrast(theme["primaryColor"], tint(theme["primaryColor"], alpha)) for alpha in (0.1, 0.2)) >= TEXT


def test_digit_colours_are_dark_enough_to_name_a_digit_in_text():
    """The Latent map's key writes each digit in its colour."""
    assert min(contrast(colour, "#ffffff") for colour in DIGIT_COLOURS) >= TEXT


# CAM02-UCS distance between two colours; about 1 is just noticeable side by side, and dots on a map need much
# more. colorspacious's model of full protanopia, deuteranopia and tritanopia (Machado et al. 2009, severity 100).
APART = 12.0
VISIONS = (None, "protanomaly", "deuteranomaly", "tritanomaly")
RANDOM_CODES_BLACK = "#111111"  # the Latent map's crosses, drawn among the dots


def seen_as(colours: list[str], vision: str | None) -> np.ndarray:
    rgb = np.array([[int(c.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)] for c in colours])
    if vision is not None:
        rgb = np.clip(colorspacious.cspace_convert(rgb, {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100},
                                                   "sRGB1"), 0, 1)
    return colorspacious.cspace_convert(rgb, "sRGB1", "CAM02-UCS")


@pytest.mark.parametrize("vision", VISIONS, ids=["normal", "protanopia", "deuteranopia", "tritanopia"])
def test_digit_colours_stay_apart_under_each_colour_vision_deficiency(vision):
    colours = [*DIGIT_COLOURS, RANDOM_CODES_BLACK]
    seen = seen_as(colours, vision)
    distance = np.linalg.norm(seen[:, None] - seen[None], axis=-1)
    distance[np.diag_indices(len(colours))] = np.inf
    nearest = np.unravel_index(np.argmin(distance), distance.shape)
    assert distance[nearest] >= APART, (
        f"{colours[nearest[0]]} and {colours[nearest[1]]} are only {distance[nearest]:.1f} apart")
