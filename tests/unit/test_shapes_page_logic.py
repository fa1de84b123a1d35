"""The Shapes page's library: settings, traversals, scores, the computed story and card, the live run's view."""

import threading

import numpy as np
import pytest
import torch

from explorer.core.shapes import FACTOR_NAMES, sample_shapes
from explorer.models import MLPVAE
from explorer.models.base import LossParts
from explorer.topics.shapes.figures import factor_matrix_figure, mig_figure
from explorer.topics.shapes.kept import FactorGuess
from explorer.topics.shapes.live import SHOWN, begin_run, probe_indices, view_epoch
from explorer.topics.shapes.predictions import CHOICES, mig_prediction
from explorer.topics.shapes.scores import CodeScores, score_code, split
from explorer.topics.shapes.settings import LATENT_DIM, ShapesRunSettings, model_config, nearest_shipped
from explorer.topics.shapes.shipped import ShippedRun
from explorer.topics.shapes.story import held_factors, holders, largest_beta_story, mig_story, never_held_story, trend
from explorer.topics.shapes.traversal import traversal_rows, walk_change, walk_values
from explorer.training.fit import EpochReport, Evaluation, PixelErrors


def test_a_live_run_starts_from_the_shipped_beta_nearest_on_a_log_scale():
    assert nearest_shipped(3.0) == 4.0  # log 3 is nearer log 4 than log 2
    assert nearest_shipped(0.5) == 1.0 and nearest_shipped(32.0) == 16.0 and nearest_shipped(6.0) == 8.0
    for bad in (0.0, -1.0, float("nan")):
        with pytest.raises(ValueError):
            ShapesRunSettings(beta=bad)
    with pytest.raises(ValueError):
        ShapesRunSettings(epochs=0)


def test_the_split_is_fixed_and_disjoint():
    train, test = split(1000)
    again_train, _ = split(1000)
    assert np.array_equal(train, again_train) and len(test) == 100
    assert not set(train) & set(test) and len(train) + len(test) == 1000


@pytest.fixture(scope="module")
def model():
    torch.manual_seed(0)
    return MLPVAE(model_config(4.0)).eval()


def test_each_row_of_a_traversal_moves_one_dimension_only(model):
    start = np.zeros(LATENT_DIM, np.float32)
    rows = traversal_rows(model, start, [2, 5])
    values = walk_values()
    assert rows.shape == (2, len(values), 1, 28, 28)
    for row, dim in zip(rows, [2, 5], strict=True):
        for image, value in zip(row, values, strict=True):
            code = start.copy()
            code[dim] = value
            assert np.allclose(image, model.decode(torch.from_numpy(code[None])).detach().numpy()[0], atol=1e-6)
    assert not np.allclose(rows[0, 0], rows[0, -1])  # a random network still moves when its code moves


def test_a_walks_change_is_the_ink_that_differs_between_its_ends():
    rows = np.zeros((2, 3, 1, 28, 28), np.float32)
    rows[0, -1, 0, :2, :2] = 1.0  # four white pixels appear
    rows[1, 1, 0, 5, 5] = 1.0  # a pixel flickers mid-walk, but the ends are the same
    assert walk_change(rows).tolist() == [4.0, 0.0]


def test_scores_measure_every_shape_and_round_trip_through_the_manifest(model):
    shapes = sample_shapes(400)
    scores = score_code(model, shapes)
    assert scores.kl_per_dim.shape == (LATENT_DIM,) and scores.normalised.shape == (LATENT_DIM, len(FACTOR_NAMES))
    assert 0 <= scores.mig <= 1 and scores.mig == pytest.approx(scores.gaps.mean())
    back = CodeScores.from_json(scores.to_json())
    assert np.allclose(back.normalised, scores.normalised) and back.mig == scores.mig


def scores_with(kl: list[float], normalised: np.ndarray) -> CodeScores:
    top = -np.sort(-normalised, axis=0)
    gaps = top[0] - top[1]
    return CodeScores(np.array(kl), normalised, gaps, float(gaps.mean()))


def test_a_row_label_names_the_two_factors_it_holds_most_with_their_shares_or_says_unused():
    normalised = np.zeros((3, 5))
    normalised[0, 3], normalised[0, 4] = 0.6, 0.05  # x clearly first
    normalised[1, 3], normalised[1, 1] = 0.16, 0.15  # a near tie: scale must show beside x
    normalised[2, 0] = 0.9
    scores = scores_with([2.0, 1.0, 0.01], normalised)
    assert scores.label(0) == "x\u00a060% · y\u00a05%" and scores.label(1) == "x\u00a016% · scale\u00a015%"
    assert scores.label(2).startswith("unused")


def run_at(beta: float, migs: list[float], normalised: np.ndarray, kl: list[float]) -> ShippedRun:
    return ShippedRun(beta, f"run_{beta:g}", scores_with(kl, normalised), 0.01 * beta, tuple(migs))


def test_the_trend_is_clear_only_when_the_seeds_do_not_overlap():
    shares = np.eye(5, 5)
    low, high = run_at(1, [0.1, 0.2, 0.15], shares, [1] * 5), run_at(16, [0.3, 0.35, 0.4], shares, [1] * 5)
    middle = run_at(16, [0.18, 0.3, 0.25], shares, [1] * 5)
    assert trend(low, high) == "rises" and trend(high, low) == "falls" and trend(low, middle) == "overlaps"
    assert mig_prediction([low, high]).answer == CHOICES["rises"]
    assert mig_prediction([low, middle]).answer == CHOICES["overlaps"]
    assert "rises with β" in mig_story([low, high]) and "overlap" in mig_story([low, middle])
    assert "far from 1" in mig_story([low, high])  # the best, 0.4, is still far from a dimension per factor


def test_held_factors_count_only_the_dimensions_in_use():
    normalised = np.zeros((4, 5))
    normalised[0, 3] = normalised[1, 3] = 0.3  # x, spread over two dimensions in use
    normalised[2, 4] = 0.5  # y, in one
    normalised[3, 0] = 0.9  # shape, but in an unused dimension
    run = run_at(16, [0.1], normalised, [1.0, 1.0, 1.0, 0.0])
    assert held_factors(run) == ["x", "y"] and holders(run) == {"x": 2, "y": 1}
    guesses = [FactorGuess("shape", 0.9, 0.25), FactorGuess("scale", 0.1, 1 / 6), FactorGuess("rotation", 0.1, 0.125),
               FactorGuess("x", 1.0, 0.125), FactorGuess("y", 1.0, 0.125)]
    story = largest_beta_story([run_at(1, [0.1], normalised, [1] * 4), run], guesses)
    assert "3 of the 4 dimensions stay in use: some hold 10% or more of x and y" in story
    assert "So shape is still in the code, spread over several dimensions" in story  # no dimension, yet guessed
    assert "scale and rotation are left out" in story and "mostly left out" not in story
    assert "x over 2 dimensions" in mig_prediction([run_at(1, [0.1], normalised, [1] * 4), run]).why
    assert "10% of shape, scale and rotation:" in never_held_story([run])  # shape only in an unused dimension
    everything = run_at(1, [0.1], np.eye(5), [1.0] * 5)
    assert never_held_story([everything]) == ""


def test_a_live_epoch_shows_every_kind_of_held_out_shape_and_scores_the_code(model):
    shapes = sample_shapes(600)
    _, test = split(len(shapes))
    probe = probe_indices(shapes, test)
    assert len(probe) == SHOWN and set(probe) <= set(test)
    assert sorted(shapes.factors[probe, 0]) == sorted(list(range(4)) * 2)
    parts = LossParts(total=1.0, recon=1.0, kl=0.0)
    report = EpochReport(epoch=1, epochs=3, train=parts, test=Evaluation(parts, PixelErrors(mse=0.1, bce=0.3)),
                         images_per_second=10.0, seconds=1.0)
    shown = view_epoch(shapes, probe, model, report)
    assert shown.reconstructions.shape == (SHOWN, 1, 28, 28) and shown.epoch == 1
    assert shown.scores.normalised.shape == (LATENT_DIM, 5)


def test_a_live_run_starts_with_the_shipped_runs_weights_at_its_own_beta(model):
    done = threading.Thread(target=lambda: None)
    done.start()
    run = begin_run(ShapesRunSettings(beta=6.0, epochs=2), "cpu", model, done)
    assert run.model.config.beta == 6.0
    for mine, theirs in zip(run.model.state_dict().values(), model.state_dict().values(), strict=True):
        assert torch.equal(mine, theirs)


def test_the_figures_carry_the_numbers_they_are_given():
    normalised = np.random.default_rng(0).random((8, 5))
    matrix = factor_matrix_figure(normalised, [f"dim {i}" for i in range(8)])
    assert np.allclose(np.array(matrix.data[0].z), normalised) and list(matrix.data[0].x) == list(FACTOR_NAMES)
    chart = mig_figure([1, 2, 4], [0.1, 0.2, 0.15], [(0.05, 0.1), (0.1, 0.3), (0.15, 0.2)], chosen=2,
                       live=(3, 0.25))
    bars = chart.data[0].error_y
    assert list(bars.arrayminus) == pytest.approx([0.05, 0.1, 0.0])
    assert list(bars.array) == pytest.approx([0, 0.1, 0.05])
    assert [trace.name for trace in chart.data] == ["shipped runs (bars: all seeds)", "shown above", "your run"]
