"""The Loss-balance gallery's measurements and the sentences written from them."""

from dataclasses import replace

import numpy as np

from explorer.models.digit_judge import JudgeScores
from explorer.models.digit_likeness import DigitLikeness
from explorer.topics.loss_balance.evidence import BetaEvidence, GalleryEvidence, judged_plateau, prior_draws
from explorer.topics.loss_balance.story import (
    active_rule_comparison,
    betas_in_words,
    ladder_cells,
    look_for_words,
    reconstruction_summary,
    samples_summary,
)


def verdict(share, fid=200.0, recall=0.2, images=2000, method=""):
    return JudgeScores(realism=0.8, share_real=share, precision=0.7, recall=recall, fid=fid, mean_confidence=0.6,
                       images=images, method=method)


def run(beta, share, confidence=0.6, *, fid=200.0, recall=0.2, spread=0.97, read=0.9, by_kl=16, by_variance=16,
        distance=4.0, closest=2.0):
    samples = DigitLikeness(mean_confidence=confidence, class_spread=spread, class_counts=[30] * 10, images=300)
    return BetaEvidence(beta=beta, judged=verdict(share, fid, recall), samples=samples, read_right=read,
                        active_by_kl=by_kl, active_by_variance=by_variance, code_distance=distance,
                        closest_code=closest)


GALLERY = GalleryEvidence(
    runs=[run(0.0, 0.003, 0.42, fid=700, recall=0.0, spread=0.84, read=0.93, distance=18.7, closest=7.9),
          run(1.0, 0.15, fid=210, recall=0.25, read=0.91), run(2.0, 0.17, 0.68, fid=220, read=0.9, distance=3.6),
          run(8.0, 0.12, 0.59, fid=350, recall=0.01, spread=0.95, read=0.7, by_kl=7, distance=2.0)],
    draws_distance=3.95, draws_reach=5.94, draws=300, real=verdict(0.52, fid=3.0, recall=0.9, images=500),
    test_images=1000)


def test_prior_draws_are_the_same_for_every_run():
    assert np.array_equal(prior_draws(16), prior_draws(16)) and prior_draws(16).shape == (300, 16)


def test_the_plateau_holds_every_beta_too_close_to_call_with_the_best():
    """Two standard errors of 17% against 15% over 2,000 draws each: about 2.3 points, so β = 1 is in."""
    assert judged_plateau(GALLERY.runs) == [1.0, 2.0]
    few = [replace(item, judged=replace(item.judged, images=100)) for item in GALLERY.runs]
    assert judged_plateau(few) == [1.0, 2.0, 8.0]  # over 100 draws each, 12% is too close to 17% to call


def test_betas_read_as_a_list():
    assert betas_in_words([1.0]) == "β = 1" and betas_in_words([0.5, 1.0, 4.0]) == "β = 0.5, 1 and 4"


def test_the_sentences_carry_the_measured_numbers():
    assert ladder_cells(GALLERY.runs[-1]) == ("70%", "**12.0%** · 0.59")
    assert "93% of them as the right digit at β = 0 and 70% at β = 8" in reconstruction_summary(GALLERY)
    samples = samples_summary(GALLERY)
    assert "a median 4.0 from the centre, and every one within 5.9" in samples
    assert "a median 18.7 from it and none closer than 7.9" in samples
    assert "calls only **0.3%** of their decodes real" in samples
    assert "peaks at β = 2, with **17.0%** (real held-out digits: 52%). β = 1 comes within 2 standard errors" in samples
    assert "lowest at β = 1 (210) and highest at β = 0 (700). At β = 8 it is 350" in samples
    assert "a **recall** of 1% against 25% at β = 1" in samples and "at 0.95 or more" in samples
    assert active_rule_comparison(GALLERY, 16) == ("By that test the shipped β = 8 run keeps 16 of 16 dimensions "
                                                   "active, against 7 by this page's rule.")


def test_what_to_look_for_reads_the_ladder_with_its_numbers():
    words = look_for_words(GALLERY)
    assert "from β = 0 to 8" in words and "93% of them right at β = 0, 70% at β = 8" in words
    assert "calls 0.3% of them real at β = 0, 15%–17% at β = 1 and 2, then fewer again at β = 8 (12%)" in words
    peak_last = replace(GALLERY, runs=GALLERY.runs[:-1])
    assert "fewer again" not in look_for_words(peak_last)  # only said when the largest β falls off the peak
    assert "blur as β grows" in look_for_words(None)  # no judge: the words without numbers
