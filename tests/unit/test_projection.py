import numpy as np
import pytest

from explorer.core.neighbours import nearest
from explorer.core.pca import fit_pca, pca_inverse, pca_project
from explorer.core.projection import (
    GRID_SIZE,
    LatentMap,
    build_map,
    draw_random_codes,
    grid_points,
    inverse_distance_mean,
    latent_plane_map,
    map_extent,
    nearest_distance,
    pca_map,
    place_codes,
)


def clustered_codes(n_per_cluster: int = 40, k: int = 6, seed: int = 0) -> np.ndarray:
    """Three tight clusters far apart: a latent space with obvious holes between them."""
    rng = np.random.default_rng(seed)
    centres = np.array([[6.0] + [0.0] * (k - 1), [-6.0] + [0.0] * (k - 1), [0.0, 6.0] + [0.0] * (k - 2)])
    return np.concatenate([c + 0.3 * rng.standard_normal((n_per_cluster, k)) for c in centres]).astype(np.float32)


def test_pca_inverse_is_exact_on_the_plane():
    plane = pca_map(clustered_codes(), draw_random_codes(5, 6, seed=3)).plane
    points = np.random.default_rng(1).uniform(-8, 8, size=(50, 2)).astype(np.float32)
    back = pca_project(plane, pca_inverse(plane, points), 2)
    np.testing.assert_allclose(back, points, atol=1e-4)


def test_pca_map_grid_codes_project_back_onto_their_cells():
    codes = clustered_codes()
    latent_map = pca_map(codes, draw_random_codes(20, 6, seed=3))
    assert latent_map.grid_codes.shape == (GRID_SIZE * GRID_SIZE, 6)
    np.testing.assert_allclose(place_codes(latent_map, latent_map.grid_codes), latent_map.grid_points(), atol=1e-4)


def test_pca_map_places_data_and_random_codes_by_the_same_projection():
    codes, random_codes = clustered_codes(), draw_random_codes(20, 6, seed=3)
    latent_map = pca_map(codes, random_codes)
    np.testing.assert_allclose(latent_map.points, pca_project(latent_map.plane, codes, 2), atol=1e-5)
    np.testing.assert_allclose(place_codes(latent_map, random_codes), latent_map.random_points, atol=1e-5)
    # The first axis carries the most spread: the two clusters 12 apart along it
    assert np.ptp(latent_map.points[:, 0]) > np.ptp(latent_map.points[:, 1])


def test_grid_covers_every_point_and_runs_row_major_from_the_bottom_left():
    extent = map_extent(np.array([[0.0, 0.0], [2.0, 1.0]]), np.array([[-1.0, 3.0]]))
    assert extent[0] < -1.0 and extent[1] > 2.0 and extent[2] < 0.0 and extent[3] > 3.0
    cells = grid_points(extent, 4)
    assert cells.shape == (16, 2)
    np.testing.assert_allclose(cells[0], [extent[0], extent[2]])
    np.testing.assert_allclose(cells[3], [extent[1], extent[2]])  # the first row runs along x
    np.testing.assert_allclose(cells[-1], [extent[1], extent[3]])


def test_latent_plane_map_is_the_identity_and_needs_k_2():
    codes = np.random.default_rng(0).standard_normal((30, 2)).astype(np.float32)
    latent_map = latent_plane_map(codes, draw_random_codes(5, 2, seed=1), grid_size=5)
    np.testing.assert_array_equal(latent_map.points, codes)
    np.testing.assert_array_equal(latent_map.grid_codes, latent_map.grid_points())
    assert latent_map.exact
    with pytest.raises(ValueError, match="k = 2"):
        latent_plane_map(clustered_codes(), draw_random_codes(5, 6, seed=1))


def test_the_inverse_distance_mean_pulls_empty_space_back_onto_the_data():
    codes = clustered_codes()
    map_points = codes[:, :2]  # a stand-in map: the first two code numbers
    empty = np.array([[10.0, -7.0]], dtype=np.float32)  # far from every cluster, nearest to (6, 0)
    code = inverse_distance_mean(empty, map_points, codes)
    assert nearest_distance(code, codes)[0] < 1.0  # lands among the data...
    assert nearest_distance(pca_inverse(fit_pca(codes, 2), empty), codes)[0] > 5.0  # ...an exact inverse does not
    on_a_point = inverse_distance_mean(map_points[:1], map_points, codes)
    np.testing.assert_allclose(on_a_point[0], codes[0], atol=1e-3)  # a map point gives back its own code


def test_nearest_distance_matches_brute_force():
    rng = np.random.default_rng(2)
    codes, queries = rng.standard_normal((50, 4)), rng.standard_normal((7, 4))
    brute = np.sqrt(((queries[:, None] - codes[None]) ** 2).sum(2)).min(1)
    np.testing.assert_allclose(nearest_distance(queries.astype(np.float32), codes.astype(np.float32)), brute, atol=1e-4)


def test_random_draws_repeat_for_a_seed_and_look_standard_normal():
    first, again = draw_random_codes(2000, 4, seed=7), draw_random_codes(2000, 4, seed=7)
    np.testing.assert_array_equal(first, again)
    assert abs(first.mean()) < 0.05 and abs(first.std() - 1.0) < 0.05
    assert not np.array_equal(first, draw_random_codes(2000, 4, seed=8))


def test_new_codes_are_placed_only_on_exact_maps():
    codes = clustered_codes()
    approximate = LatentMap("umap", codes[:, :2], codes[:3, :2], map_extent(codes[:, :2]), codes[:4])
    with pytest.raises(ValueError, match="exactly only"):
        place_codes(approximate, codes[:2])


def test_map_round_trips_through_arrays():
    latent_map = pca_map(clustered_codes(), draw_random_codes(10, 6, seed=1), grid_size=6)
    again = LatentMap.from_arrays("pca", latent_map.to_arrays())
    np.testing.assert_array_equal(again.grid_codes, latent_map.grid_codes)
    np.testing.assert_array_equal(again.axes, latent_map.axes)
    arrays = latent_map.to_arrays()
    del arrays["axes"]
    with pytest.raises(ValueError, match="axes"):
        LatentMap.from_arrays("pca", arrays)


@pytest.mark.slow
def test_tsne_embeds_the_random_codes_with_the_data_and_repeats_for_a_seed():
    codes, random_codes = clustered_codes(n_per_cluster=30), draw_random_codes(10, 6, seed=2)
    first = build_map("tsne", codes, random_codes, seed=0, grid_size=8)
    again = build_map("tsne", codes, random_codes, seed=0, grid_size=8)
    np.testing.assert_allclose(first.points, again.points)
    assert first.points.shape == (90, 2) and first.random_points.shape == (10, 2)
    assert first.grid_codes.shape == (64, 6) and not first.exact
    # Neighbours stay neighbours: each point's nearest map neighbour is from its own cluster
    distances = np.linalg.norm(first.points[:, None] - first.points[None], axis=2) + np.eye(90) * 1e9
    assert (distances.argmin(1) // 30 == np.arange(90) // 30).mean() > 0.95


@pytest.mark.slow
def test_umap_places_random_codes_by_transform_and_repeats_for_a_seed():
    codes, random_codes = clustered_codes(n_per_cluster=30), draw_random_codes(10, 6, seed=2)
    first = build_map("umap", codes, random_codes, seed=0, grid_size=8)
    again = build_map("umap", codes, random_codes, seed=0, grid_size=8)
    np.testing.assert_allclose(first.points, again.points, atol=1e-5)
    assert first.random_points.shape == (10, 2) and first.grid_codes.shape == (64, 6)
    distances = np.linalg.norm(first.points[:, None] - first.points[None], axis=2) + np.eye(90) * 1e9
    assert (distances.argmin(1) // 30 == np.arange(90) // 30).mean() > 0.95


def test_unknown_projection_is_refused():
    with pytest.raises(ValueError, match="unknown projection"):
        build_map("mds", clustered_codes(), draw_random_codes(3, 6, seed=0))


def test_locate_codes_is_exact_on_pca_and_lands_on_a_known_code_elsewhere():
    from explorer.core.projection import LatentMap, locate_codes, pca_map, place_codes

    rng = np.random.default_rng(0)
    codes = rng.normal(size=(60, 5)).astype(np.float32)
    exact = pca_map(codes, codes[:3])
    np.testing.assert_allclose(locate_codes(exact, codes[:4], codes), place_codes(exact, codes[:4]), atol=1e-5)
    scattered = LatentMap.from_arrays("tsne", exact.to_arrays() | {"points": rng.normal(size=(60, 2))})
    assert not scattered.exact
    located = locate_codes(scattered, codes[[7]], codes)  # a code that is itself on the map
    np.testing.assert_allclose(located[0], scattered.points[7], atol=1e-3)


def test_nearest_finds_the_closest_reference_points_in_order():
    reference = np.array([[0.0, 0.0], [3.0, 0.0], [1.0, 0.0], [10.0, 10.0]], dtype=np.float32)
    distances, indices = nearest(reference, np.array([[0.9, 0.0]]), 3)
    assert indices.tolist() == [[2, 0, 1]]
    np.testing.assert_allclose(distances, [[0.1, 0.9, 2.1]], atol=1e-6)
    assert nearest(reference, reference[:1], 10)[1].shape == (1, 4)  # never more than there are
