"""The Latent map page's parts for a student's path: the marks on the maps, the colour key above them, the
nearest real digit named under a decode, and the sentences about the axes and a clicked spot."""

import re

import numpy as np
import plotly.graph_objects as go
import pytest

from explorer.core.colours import DIGIT_COLOURS
from explorer.core.projection import grid_points
from explorer.topics.latent_map.figures import axis_ranges, colour_key, latent_map_figure
from explorer.topics.latent_map.logic import decode_code
from explorer.topics.latent_map.story import axes_span, look_for_text, spot_story
from tests.unit.test_latent_map import space_for


def test_the_axes_end_at_the_grid_s_cells_unless_a_point_lies_further_out():
    grid = grid_points(np.array([0.0, 10.0, -2.0, 2.0]), 11)  # cells 1 wide, 0.4 high
    x_range, y_range = axis_ranges(grid, None)
    assert x_range == pytest.approx([-0.5, 10.5]) and y_range == pytest.approx([-2.2, 2.2])
    x_range, _ = axis_ranges(grid, np.array([[12.0, 0.0]]))
    assert x_range[1] == pytest.approx(12.0)


def test_the_walk_s_ends_are_lettered_and_joined_only_on_an_exact_map():
    points = np.random.default_rng(0).standard_normal((50, 2))
    grid = grid_points(np.array([-3.0, 3.0, -3.0, 3.0]), 4)
    figure = latent_map_figure(points, np.arange(50) % 10, grid, walk_ends=points[[3, 8]], walk_line=True)
    walk = figure.data[-1]
    assert walk.legendgroup == "walk" and walk.type == "scattergl"  # WebGL: drawn over the WebGL dots
    assert list(walk.text) == ["A", "B"] and "lines" in walk.mode and walk.hoverinfo == "skip"
    assert figure.layout.showlegend is False  # the page's colour key says what the marks are
    go.Figure(figure.to_dict())
    bent = latent_map_figure(points, np.arange(50) % 10, grid, walk_ends=points[[3, 8]], walk_line=False)
    assert "lines" not in bent.data[-1].mode


def test_the_colour_key_names_every_digit_in_its_colour():
    key = colour_key()
    for digit, colour in enumerate(DIGIT_COLOURS):
        assert f'color:{colour}">● {digit}<' in key
    assert "random codes" in key and "A, B" in key


def test_a_decode_names_the_real_digit_whose_code_lies_nearest():
    codes = np.random.default_rng(0).standard_normal((60, 3)).astype(np.float32) * 3
    space = space_for(codes)
    found = decode_code(space, codes[5] + 1e-4)
    assert found.nearest_image == 5 and found.gaps == pytest.approx(found.nearest_distance / space.spacing)


def test_the_axes_span_is_rounded_and_written_with_a_true_minus():
    assert axes_span(np.array([-23.6, 28.2, -22.1, 27.3])) == "−24 to 28"
    assert axes_span(np.array([-0.3, 4.4, -3.6, 3.7])) == "−4 to 4"


def test_what_to_look_for_names_the_scales_only_where_they_mean_something():
    text = look_for_text("PCA", {"ae": "−24 to 28", "vae": "−4 to 4"})
    assert "from −24 to 28" in text and "only from −4 to 4" in text
    assert 2 <= len(re.findall(r"[.;:] [A-Z]", text)) + 1 <= 4  # a few sentences, not an essay
    umap = look_for_text("UMAP", None)
    assert "without a unit" in umap and "−" not in umap


def test_a_spot_is_explained_for_its_own_model_and_the_inverse_it_took():
    text = spot_story("ae", {"ae": "−24 to 28", "vae": "−4 to 4"}, None)
    assert text.startswith("Only the AE decodes it") and "to the VAE these numbers mean another place" in text
    assert "the AE's map runs from −24 to 28, the VAE's from −4 to 4" in text and "Exact inverse" in text
    text = spot_story("vae", None, "t-SNE")
    assert text.startswith("Only the VAE decodes it") and "runs from" not in text
    assert "Approximate inverse" in text and "t-SNE cannot be run backwards" in text
