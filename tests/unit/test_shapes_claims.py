"""The Shapes page's story against the shipped build: fails if a retrain changes what the page says."""

import numpy as np
import pytest

from explorer.checkpoints.store import PretrainedStore
from explorer.core.shapes import FACTOR_NAMES, make_shapes
from explorer.topics.shapes.kept import measure_shipped, shipped_guesses
from explorer.topics.shapes.scores import score_code
from explorer.topics.shapes.shipped import shipped_runs
from explorer.topics.shapes.story import (
    WELL_SEPARATED,
    held_factors,
    largest_beta_story,
    mig_story,
    never_held_story,
    trend,
)


@pytest.fixture(scope="module")
def shipped():
    store = PretrainedStore()
    runs = shipped_runs(store)
    shapes = make_shapes()
    return runs, [score_code(store.load_model(run.name), shapes) for run in runs]


def test_the_manifest_holds_what_the_shipped_weights_measure(shipped):
    """The build scored the models before their weights were stored as float16: the scores must survive that."""
    runs, measured = shipped
    for run, scores in zip(runs, measured, strict=True):
        assert scores.mig == pytest.approx(run.scores.mig, abs=0.01), run.name
        assert np.allclose(scores.kl_per_dim, run.scores.kl_per_dim, atol=0.02), run.name
        assert np.abs(scores.normalised - run.scores.normalised).max() < 0.03, run.name
        assert [scores.label(dim) for dim in range(len(scores.kl_per_dim))] == \
            [run.scores.label(dim) for dim in range(len(run.scores.kl_per_dim))], run.name
        assert run.seed_migs[0] == run.scores.mig  # the shipped seed comes first


def test_no_beta_untangles_the_factors_and_the_seed_matters_as_much_as_beta(shipped):
    """What the look-for text and the card say: the seeds' ranges at the smallest and largest β overlap, and
    every run is far from a dimension per factor."""
    runs, _ = shipped
    assert trend(runs[0], runs[-1]) == "overlaps", [run.seed_migs for run in runs]
    assert max(max(run.seed_migs) for run in runs) < WELL_SEPARATED
    assert "the ranges overlap" in mig_story(runs) and "far from 1" in mig_story(runs)


def test_a_larger_beta_keeps_fewer_dimensions_and_only_the_position(shipped):
    """The Go deeper sentence: at the largest β fewer dimensions stay in use, they carry x and y, and the error
    grows."""
    runs, _ = shipped
    first, last = runs[0], runs[-1]
    assert last.scores.active.sum() < first.scores.active.sum()
    assert held_factors(last) == ["x", "y"]
    assert last.test_mse > first.test_mse


def test_the_largest_beta_leaves_out_only_what_its_whole_code_cannot_tell(shipped):
    """Issue 26: at the largest β no single dimension holds shape or scale, but the code as a whole still tells
    them (a vote of the nearest codes beats chance by far); only rotation is gone. The story names as left out
    exactly the factors the vote misses, and as spread the ones it gets that no dimension holds."""
    runs, _ = shipped
    guesses = shipped_guesses(PretrainedStore(), runs)  # what the page reads, measured again below
    kept = {guess.factor for guess in guesses if guess.kept}
    assert {"shape", "scale"} <= kept and "rotation" not in kept, guesses
    story = largest_beta_story(runs, guesses)
    spread = [name for name in FACTOR_NAMES if name in kept and name not in held_factors(runs[-1])]
    assert f"So {' and '.join(spread)} are still in the code, spread over several dimensions" in story
    assert "only rotation is left out" in story and "mostly left out of the code" not in story
    for guess in guesses:
        assert f"{guess.factor} {guess.right:.0%} (chance {guess.chance:.0%})" in story


def test_the_shipped_guesses_are_what_the_largest_beta_shows(shipped):
    """guess_factors again on the shipped weights: a retrain of the shapes group without the shapes_kept step
    after it fails here (and the page then names the command instead of showing stale numbers)."""
    runs, _ = shipped
    store = PretrainedStore()
    assert measure_shipped(store) == shipped_guesses(store, runs)


def test_no_run_gives_shape_or_rotation_a_dimension(shipped):
    """The Go deeper sentence: shape and rotation are held by no dimension in use, at any β."""
    runs, _ = shipped
    assert never_held_story(runs).startswith("In no shipped run does a dimension in use hold 10% of shape and rotation")
