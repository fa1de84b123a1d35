import numpy as np
import plotly.graph_objects as go
import pytest

from explorer.core.images import tile
from explorer.core.projection import draw_random_codes, latent_plane_map, pca_map
from explorer.models import ConvAE, ConvAEConfig
from explorer.topics.latent_map.figures import latent_map_figure
from explorer.topics.latent_map.logic import (
    LatentSpace,
    Selection,
    SelectionKind,
    decode_code,
    interpolation_codes,
    manifold_cells,
    selection_from_points,
    spot_code,
    typical_spacing,
    with_fresh_draws,
)


def space_for(codes: np.ndarray, method: str = "pca") -> LatentSpace:
    k = codes.shape[1]
    random_codes = draw_random_codes(12, k, seed=0)
    latent_map = pca_map(codes, random_codes, grid_size=10) if method == "pca" else latent_plane_map(
        codes, random_codes, grid_size=10)
    model = ConvAE(ConvAEConfig(latent_dim=k, channels=(4, 8))).eval()
    return LatentSpace("tiny", "ae", model, codes, latent_map, random_codes, latent_map.random_points,
                       typical_spacing(codes))


def test_a_click_is_read_from_the_legend_group_of_its_trace():
    image, random, spot = SelectionKind.IMAGE, SelectionKind.RANDOM, SelectionKind.SPOT
    assert selection_from_points([{"legendgroup": "digit-3", "customdata": 812}], "vae") == Selection(image, 812)
    assert selection_from_points([{"legendgroup": "random", "customdata": [4]}], "ae") == Selection(random, 4, "ae")
    assert selection_from_points([{"legendgroup": "grid", "customdata": 99}], "vae") == Selection(spot, 99, "vae")
    assert selection_from_points([], "ae") is None
    assert selection_from_points([{"legendgroup": "marked"}], "ae") is None  # the ring has no data


def test_the_figure_tags_every_clickable_trace_and_draws_with_webgl():
    points = np.random.default_rng(0).standard_normal((50, 2))
    labels = np.arange(50) % 10
    grid = np.zeros((16, 2))
    fig = latent_map_figure(points, labels, grid, random_points=points[:5], marked=points[:1])
    groups = [trace.legendgroup for trace in fig.data]
    assert groups == [f"digit-{d}" for d in range(10)] + ["random", "grid", "marked"]
    assert all(trace.type == "scattergl" for trace in fig.data)
    assert fig.data[11].marker.opacity == 0  # the grid is invisible but clickable
    go.Figure(fig.to_dict())  # built without validation for speed: it must still pass it
    seven = fig.data[7]
    assert sorted(seven.customdata) == [7, 17, 27, 37, 47]  # customdata: the image's own index
    without = latent_map_figure(points, labels, grid)
    assert "random" not in [t.legendgroup for t in without.data]  # the random codes switched off


def test_interpolation_runs_straight_from_a_to_b():
    a, b = np.zeros(4, np.float32), np.arange(4, dtype=np.float32)
    codes = interpolation_codes(a, b, steps=5)
    np.testing.assert_allclose(codes[0], a)
    np.testing.assert_allclose(codes[-1], b)
    np.testing.assert_allclose(np.diff(codes, axis=0), np.tile(b / 4, (4, 1)), atol=1e-6)


def test_the_manifold_is_an_even_subset_of_the_grid_and_tiles_bottom_row_last():
    codes = np.random.default_rng(0).standard_normal((40, 2)).astype(np.float32)
    latent_map = latent_plane_map(codes, codes[:3], grid_size=10)
    cells = manifold_cells(latent_map, size=4)
    subset, positions = latent_map.grid_codes[cells], latent_map.grid_points()[cells]
    assert subset.shape == (16, 2)
    np.testing.assert_array_equal(subset, positions)  # on the latent plane, the code is the place
    np.testing.assert_allclose(positions[0], latent_map.grid_points()[0])
    np.testing.assert_allclose(positions[-1], latent_map.grid_points()[-1])
    images = np.stack([np.full((1, 2, 2), i, np.float32) for i in range(6)])  # 2 rows x 3 columns
    picture = tile(images, columns=3, gap=0, bottom_up=True)
    assert picture.shape == (4, 6)
    assert picture[0, 0] == 3 and picture[-1, 0] == 0  # the first row drawn at the bottom


def test_a_spot_decodes_through_the_grid_and_reports_its_distance_to_the_data():
    codes = np.random.default_rng(0).standard_normal((60, 3)).astype(np.float32) * 3
    space = space_for(codes)
    corner = space.latent_map.grid_points()[0]
    code = spot_code(space, corner + 1e-3)
    np.testing.assert_array_equal(code, space.latent_map.grid_codes[0])
    decoded = decode_code(space, code)
    assert decoded.image.shape == (1, 28, 28)
    assert 0.0 <= decoded.image.min() and decoded.image.max() <= 1.0
    assert decoded.nearest_distance > 0 and decoded.spacing == space.spacing
    on_data = decode_code(space, codes[5])
    assert on_data.nearest_distance == pytest.approx(0.0, abs=1e-3)


def test_fresh_draws_are_placed_exactly_and_repeat_for_a_seed():
    codes = np.random.default_rng(0).standard_normal((60, 3)).astype(np.float32)
    space = space_for(codes)
    fresh = with_fresh_draws(space, seed=5, count=30)
    assert fresh.random_codes.shape == (30, 3) and fresh.random_points.shape == (30, 2)
    assert not np.array_equal(fresh.random_codes[:12], space.random_codes)
    np.testing.assert_array_equal(with_fresh_draws(space, seed=5, count=30).random_codes, fresh.random_codes)
    np.testing.assert_array_equal(fresh.codes, space.codes)  # the data stay where they were


def test_typical_spacing_measures_neighbour_distance_not_self_distance():
    grid = np.stack(np.meshgrid(np.arange(10.0), np.arange(10.0)), -1).reshape(-1, 2).astype(np.float32)
    assert typical_spacing(grid) == pytest.approx(1.0, abs=1e-3)
    assert typical_spacing(grid * 4) == pytest.approx(4.0, abs=1e-3)
