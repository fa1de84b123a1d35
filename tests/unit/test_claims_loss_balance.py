"""The Loss-balance page's claims about the shipped β runs, checked against them (its sentences are in
explorer/topics/loss_balance/story.py and app_pages/loss_balance.py): a rebuild that changes the
story fails here, so that someone rewrites the text to match."""

import pytest

from explorer.checkpoints.store import PretrainedStore
from explorer.core.data import load_bundled_mnist
from explorer.topics.loss_balance.evidence import GalleryEvidence, confidence_plateau, measure_runs
from explorer.topics.loss_balance.references import load_reference_runs
from explorer.topics.loss_balance.story import look_for_words


@pytest.fixture(scope="module")
def store():
    return PretrainedStore()  # $EXPLORER_PRETRAINED_DIR when set: point it at an edited copy to see a claim fail


@pytest.fixture(scope="module")
def gallery(store) -> GalleryEvidence:
    runs, data = load_reference_runs(store), load_bundled_mnist()
    classifier = store.load_model(store.group("diffusion")["classifier"])
    return measure_runs(runs, [store.load_model(run.name) for run in runs], classifier, data.test_images,
                        data.test_labels)


def by_beta(gallery: GalleryEvidence, beta: float):
    return next(run for run in gallery.runs if run.beta == beta)


def test_rate_falls_and_distortion_rises_with_beta(store):
    """"the point on the rate-distortion curve slides to the left and up", and docs/pretrained.md's table."""
    runs = sorted(store.group("loss_balance")["runs"].items(), key=lambda item: float(item[0]))
    metrics = [store.model_info(entry["model"])["metrics"] for _, entry in runs]
    rates, distortions = [m["test_kl"] for m in metrics], [m["test_recon"] for m in metrics]
    assert rates == sorted(rates, reverse=True) and len(set(rates)) == len(rates)
    assert distortions == sorted(distortions) and len(set(distortions)) == len(distortions)


def test_active_dimensions_fall_as_beta_grows(gallery):
    """By this page's rule (mean KL above 0.1 nat): "dimension after dimension drops below the line"."""
    counts = [run.active_by_kl for run in gallery.runs]
    assert counts == sorted(counts, reverse=True) and counts[-1] < counts[0]


def test_the_usual_active_units_test_is_easier_to_pass(gallery):
    """"far easier to pass": Burda et al.'s variance test counts at least as many, and more at the largest β."""
    assert all(run.active_by_variance >= run.active_by_kl for run in gallery.runs)
    assert gallery.runs[-1].active_by_variance > gallery.runs[-1].active_by_kl


def test_reconstructions_blur_as_beta_grows_yet_most_stay_readable(gallery):
    first, last = gallery.runs[0], gallery.runs[-1]
    assert last.read_right < first.read_right - 0.1
    assert last.read_right > 0.5


def test_at_beta_zero_the_prior_draws_land_where_no_code_lies(gallery):
    first = gallery.runs[0]
    assert first.beta == 0
    assert first.closest_code > gallery.draws_reach
    assert first.samples.mean_confidence == min(run.samples.mean_confidence for run in gallery.runs)


def test_codes_are_pulled_in_as_beta_grows(gallery):
    distances = [run.code_distance for run in gallery.runs]
    assert distances == sorted(distances, reverse=True) and len(set(distances)) == len(distances)


def test_near_beta_one_codes_sit_where_the_draws_land_and_decode_to_more_digit_like_shapes(gallery):
    one, zero = by_beta(gallery, 1.0), gallery.runs[0]
    assert abs(one.code_distance - gallery.draws_distance) < 0.25 * gallery.draws_distance
    assert one.samples.mean_confidence > zero.samples.mean_confidence + 0.1


def test_sample_confidence_falls_again_at_the_largest_beta(gallery):
    """"it falls to ... at β = 8": below the peak by more than the draws' own noise."""
    assert gallery.runs[-1].beta not in confidence_plateau(gallery.runs)


def test_what_to_look_for_says_the_decodes_blur_again_at_the_largest_beta(gallery):
    """The page's "What to look for" is written from these runs: its last clause is there only when the largest
    β falls off the peak, which the test above checks; its first, that β = 0's decodes are the least sure, too."""
    words = look_for_words(gallery)
    assert words.endswith(f"then blur again at β = {gallery.runs[-1].beta:g} "
                          f"({gallery.runs[-1].samples.mean_confidence:.2f}).")
    assert f"from a confidence of {gallery.runs[0].samples.mean_confidence:.2f} at β = 0" in words


def test_samples_never_settle_on_a_few_digits_above_beta_zero(gallery):
    assert all(run.samples.class_spread > 0.9 for run in gallery.runs[1:])
