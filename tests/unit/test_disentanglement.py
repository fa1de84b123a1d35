"""Mutual information, MIG and correlations of the shapes page, against values worked out by hand."""

import math

import numpy as np
import pytest

from explorer.topics.shapes.disentanglement import (
    discretise,
    entropy,
    measure,
    mi_matrix,
    mutual_information,
    normalised_mi,
)

# Two factors of 4 values each, every pair once: 16 items, factor 0 = i // 4, factor 1 = i % 4.
F0, F1 = np.arange(16) // 4, np.arange(16) % 4
GRID = np.stack([F0, F1], axis=1)


def codes(*dims) -> np.ndarray:
    return np.stack([np.asarray(dim, dtype=np.float64) for dim in dims], axis=1)


def test_a_variable_tells_about_itself_all_its_entropy():
    labels = np.array([0, 0, 0, 1, 1, 2, 3, 3, 3, 3])
    assert mutual_information(labels, labels) == pytest.approx(entropy(labels))


def test_entropy_of_a_uniform_four_way_label_is_log_four():
    assert entropy(F1) == pytest.approx(math.log(4))


def test_independent_factors_on_a_full_grid_share_exactly_nothing():
    assert mutual_information(F0, F1) == 0.0


def test_mutual_information_is_symmetric_and_ignores_the_label_names():
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, 3, 200), rng.integers(0, 5, 200)
    b = np.where(rng.random(200) < 0.5, a, b)  # half the time b copies a, so they share something
    assert mutual_information(a, b) > 0.1
    assert mutual_information(a, b) == pytest.approx(mutual_information(b, a))
    assert mutual_information(a * 10 + 7, b) == pytest.approx(mutual_information(a, b))


def test_mutual_information_of_a_small_joint_distribution_worked_by_hand():
    a = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    b = np.array([0, 0, 0, 1, 1, 1, 1, 1])
    # Cells (a, b): (0, 0) three times, (0, 1) once, (1, 1) four times; p(a) = 1/2, 1/2; p(b) = 3/8, 5/8.
    by_hand = (3 / 8 * math.log((3 / 8) / (1 / 2 * 3 / 8))
               + 1 / 8 * math.log((1 / 8) / (1 / 2 * 5 / 8))
               + 4 / 8 * math.log((4 / 8) / (1 / 2 * 5 / 8)))
    assert mutual_information(a, b) == pytest.approx(by_hand)
    assert by_hand == pytest.approx(0.3804, abs=1e-4)  # 0.2599 - 0.1145 + 0.2350 nats: the formula, summed on paper


def test_discretise_puts_values_in_equal_width_bins_between_each_columns_min_and_max():
    values = codes([0.0, 0.9, 1.1, 2.5, 3.99, 4.0], [7.0] * 6)
    assert discretise(values, bins=4).tolist() == [[0, 0], [0, 0], [1, 0], [2, 0], [3, 0], [3, 0]]


def test_discretise_puts_integer_values_on_an_edge_into_the_upper_bin():
    values = codes(np.arange(23))  # 0..22 in 22 bins of width 1: each value its own bin but the max
    assert discretise(values, bins=22)[:, 0].tolist() == list(range(22)) + [21]


def test_a_factor_that_never_varies_gets_a_column_of_zero_shares():
    factors = np.stack([F0, np.zeros(16, dtype=int)], axis=1)
    mi = mi_matrix(codes(F0, F1), factors)
    assert normalised_mi(mi, factors)[:, 1].tolist() == [0.0, 0.0]


def test_one_dim_per_factor_scores_a_mig_of_one():
    result = measure(codes(F0, F1, [3.0] * 16), GRID)
    assert result.mi[:2] == pytest.approx(np.diag([math.log(4)] * 2))
    assert result.normalised == pytest.approx(np.array([[1, 0], [0, 1], [0, 0]]))
    assert result.gaps == pytest.approx([1, 1])
    assert result.mig == pytest.approx(1)
    assert result.best_dims.tolist() == [0, 1]
    assert result.dim_factors[:2].tolist() == [0, 1]
    assert result.dim_shares == pytest.approx([1, 1, 0])


def test_two_dims_copying_one_factor_and_none_holding_the_other_score_zero():
    result = measure(codes(F0, F0), GRID)
    assert result.gaps == pytest.approx([0, 0])
    assert result.mig == pytest.approx(0)


def test_a_dim_that_mixes_both_factors_worked_by_hand():
    mixed = F0 + 4 * F1  # 16 distinct values, each naming one (f0, f1) pair: it knows both factors fully
    # Beside a copy of factor 0: shares [[1, 1], [1, 0]], so factor 0's gap is 1 - 1 = 0 and factor 1's 1 - 0 = 1.
    result = measure(codes(mixed, F0), GRID)
    assert result.normalised == pytest.approx(np.array([[1, 1], [1, 0]]))
    assert result.gaps == pytest.approx([0, 1])
    assert result.mig == pytest.approx(0.5)
    assert result.best_dims[1] == 0
    # Beside a constant: both gaps are 1 - 0. MIG does not see that one dim holds two factors; dim_shares does not
    # either, but the normalised row of dim 0 does.
    alone = measure(codes(mixed, [0.0] * 16), GRID)
    assert alone.mig == pytest.approx(1)
    assert alone.normalised[0] == pytest.approx([1, 1])
    # In 4 bins of width 15 / 4 only its coarse part survives, which is factor 1: shares [[0, 1], [1, 0]].
    coarse = measure(codes(mixed, F0), GRID, bins=4)
    assert coarse.normalised == pytest.approx(np.array([[0, 1], [1, 0]]))
    assert coarse.mig == pytest.approx(1)
    assert coarse.best_dims.tolist() == [1, 0]


def test_mig_needs_two_code_dims():
    with pytest.raises(ValueError, match="at least 2 dims"):
        measure(codes(F0), GRID)


@pytest.mark.parametrize("bad_codes, factors", [
    (codes(F0, F1)[:15], GRID),  # one row short
    (codes(np.where(F0 == 2, np.nan, F0), F1), GRID),
    (codes(F0, F1), GRID.astype(float)),
    (np.zeros((0, 2)), np.zeros((0, 2), dtype=int)),
], ids=["mismatched lengths", "NaN codes", "float factors", "empty"])
def test_bad_input_is_refused(bad_codes, factors):
    with pytest.raises(ValueError):
        measure(bad_codes, factors)


def test_mutual_information_refuses_labels_of_different_lengths():
    with pytest.raises(ValueError, match="same length"):
        mutual_information(F0, F1[:15])
