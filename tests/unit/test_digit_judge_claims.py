"""The digit judge's shipped reference ladder: what the pages say of it holds for the shipped numbers."""

import numpy as np
import pytest

from explorer.checkpoints.store import PretrainedStore
from explorer.core.data import load_bundled_mnist
from explorer.models.digit_judge import JUDGE_GROUP, DigitJudge, far_below, judged, reference_split


@pytest.fixture(scope="module")
def group():
    return PretrainedStore().group(JUDGE_GROUP)


@pytest.fixture(scope="module")
def ladder(group):
    return judged(group["ladder"])


@pytest.mark.parametrize("impostor", ["static", "blank", "scrambled"])
def test_static_blank_and_scrambled_score_far_below_real_digits(ladder, impostor):
    assert far_below(ladder[impostor], ladder["real"], ladder["reconstructions"])


def test_the_real_digits_and_their_reconstructions_are_not_far_below(ladder):
    """The rule is not one that anything passes: the redrawn digits stay near the real ones."""
    assert not far_below(ladder["reconstructions"], ladder["real"], ladder["reconstructions"])
    assert ladder["reconstructions"].share_real > 0.5 * ladder["real"].share_real


def test_the_old_confidence_could_not_tell_static_from_digits(ladder):
    """Why the judge exists: the classifier's confidence in static is nearer the redrawn digits' than the
    judge's verdict is."""
    real, static = ladder["real"], ladder["static"]
    assert static.mean_confidence > 0.5 * real.mean_confidence
    assert static.share_real < 0.1 * real.share_real


def test_every_set_has_as_many_images_as_the_reference(ladder, group):
    assert {scores.images for scores in ladder.values()} == {len(load_bundled_mnist().test_images) // 2}
    assert PretrainedStore().load_arrays(group["examples"]).keys() >= set(ladder)


def test_the_judge_at_run_time_gives_the_shipped_numbers(ladder, group):
    store = PretrainedStore()
    reference, real = reference_split(load_bundled_mnist().test_images)
    scores = DigitJudge(store.load_model(group["classifier"]), reference).judge(real)
    assert scores.share_real == ladder["real"].share_real
    assert np.isclose(scores.fid, ladder["real"].fid, rtol=1e-4)
