import numpy as np
import pytest
from sklearn.neighbors import NearestNeighbors

from explorer.core import neighbours
from explorer.core.neighbours import nearest, sorted_neighbours
from explorer.core.realism import knn_radii


@pytest.fixture
def points():
    rng = np.random.default_rng(3)
    reference = rng.normal(size=(700, 16))
    return reference, np.concatenate([rng.normal(size=(90, 16)), reference[:10]])  # some queries are references


@pytest.mark.parametrize("chunk_cells", [neighbours.CHUNK_CELLS, 700 * 7])  # one chunk; queries 7 at a time
def test_the_nearest_points_are_scikit_learns_in_the_same_order(points, monkeypatch, chunk_cells):
    monkeypatch.setattr(neighbours, "CHUNK_CELLS", chunk_cells)
    reference, queries = points
    expected_distances, expected_indices = NearestNeighbors(n_neighbors=5).fit(reference).kneighbors(queries)
    distances, indices = sorted_neighbours(reference, queries, 5)
    assert np.array_equal(indices, expected_indices)
    assert np.allclose(distances, expected_distances, atol=1e-9)
    assert np.all(distances[-10:, 0] < 1e-6) and np.array_equal(indices[-10:, 0], np.arange(10))
    assert nearest(reference, queries, 5)[0].dtype == np.float32


def test_asking_for_more_neighbours_than_points_gives_them_all_in_order(points):
    reference, queries = points
    distances, indices = sorted_neighbours(reference[:4], queries, 9)
    assert indices.shape == (len(queries), 4) and np.all(np.diff(distances, axis=1) >= 0)
    assert all(sorted(row) == [0, 1, 2, 3] for row in indices.tolist())


def test_a_k_nn_radius_is_the_distance_to_the_kth_other_point(points):
    reference, _ = points
    expected, _ = NearestNeighbors(n_neighbors=4).fit(reference).kneighbors(reference)
    assert np.allclose(knn_radii(reference, 3), expected[:, 3], atol=1e-9)
