"""The Sparse codes page's story against the shipped build: fails if a retrain changes what the page says."""

import numpy as np
import pytest

from explorer.checkpoints.store import PretrainedStore
from explorer.core.data import load_bundled_mnist
from explorer.core.runtime import seed_everything
from explorer.models import SparseAE
from explorer.topics.sparse_codes.logic import measure
from explorer.topics.sparse_codes.shipped import shipped_runs
from explorer.topics.sparse_codes.story import strokes_or_templates


@pytest.fixture(scope="module")
def shipped():
    store, images = PretrainedStore(), load_bundled_mnist().test_images
    runs = shipped_runs(store)
    return store, runs, [measure(store.load_model(run.name), images) for run in runs]


def test_the_manifest_holds_what_the_page_measures(shipped):
    store, runs, measured = shipped
    assert runs[0].strength == 0 and len(runs) >= 3  # no penalty, then at least two strengths
    for run, measurement in zip(runs, measured, strict=True):
        for name, value in measurement.to_json().items():
            assert run.metrics[name] == pytest.approx(value, rel=1e-5), (run.name, name)


def test_more_penalty_means_fewer_units_per_digit_more_dead_units_and_more_error(shipped):
    _, _, measured = shipped
    active = [m.use.mean_active for m in measured]
    dead = [m.use.dead_share for m in measured]
    errors = [m.mse for m in measured]
    assert all(a > b for a, b in zip(active, active[1:], strict=False)), active
    assert all(a <= b for a, b in zip(dead, dead[1:], strict=False)) and dead[-1] > dead[0], dead
    assert all(a < b for a, b in zip(errors, errors[1:], strict=False)), errors


def test_features_in_use_grow_more_like_whole_digits(shipped):
    """What docs/pretrained.md and the look-for text say of the pictures (the text follows the numbers' direction)."""
    _, _, measured = shipped
    likeness = [m.likeness for m in measured]
    assert likeness[-1] > likeness[0] and max(likeness) == likeness[-1], likeness


def test_a_dead_units_picture_stays_the_noise_it_started_as(shipped):
    store, runs, measured = shipped
    for run, measurement in zip(runs, measured, strict=True):
        if not measurement.use.dead.any():
            continue
        model = store.load_model(run.name)
        seed_everything(store.model_info(run.name)["seed"])  # as the build did just before making the model
        start = SparseAE(model.config).decoder.weight.detach().numpy()
        end = model.decoder.weight.numpy()
        cosine = (start * end).sum(0) / np.linalg.norm(start, axis=0) / np.linalg.norm(end, axis=0)
        assert np.median(cosine[measurement.use.dead]) > 0.9, run.name
        assert np.median(cosine[~measurement.use.dead]) < 0.5, run.name


def test_a_tiny_build_of_the_group_lists_its_runs_and_their_measures(tmp_path):
    from scripts.train_pretrained import main

    assert main(["--tiny", "--out", str(tmp_path), "--only", "sparse_codes"]) == 0
    store = PretrainedStore(tmp_path)
    runs = shipped_runs(store)
    assert [run.strength for run in runs] == [0.0, 0.3]
    for run in runs:
        assert {"test_mse", "active_units_per_digit", "dead_share", "feature_likeness_to_digits"} <= set(run.metrics)
        store.load_model(run.name)


def test_the_page_says_the_pictures_become_whole_digit_templates(shipped):
    _, runs, measured = shipped
    text = strokes_or_templates(runs, measured)
    assert "each becomes a template" in text and f"{measured[-1].likeness:.2f} at {runs[-1].label}" in text
