"""The Inside the network page's claims about its shipped models, checked against them: a rebuild that changes
the story fails here, so that someone rewrites the page's text (app_pages/inside_network.py,
explorer/ui/inside_network/comparison.py) to match."""

import numpy as np
import pytest

from explorer.checkpoints.store import PretrainedStore
from explorer.core.data import load_bundled_mnist
from explorer.models.inference import embed
from explorer.topics.inside_network.comparison import (
    ALIKE,
    GROUP,
    NAMED_DIFFERENCES,
    contrast_in_words,
    growth_in_words,
    read_pair,
)
from explorer.topics.inside_network.following import following_to_json, measure_shipped, shipped_following
from explorer.topics.inside_network.layers import trace
from explorer.topics.inside_network.predictions import SHIFT, shift_prediction
from explorer.topics.inside_network.shift import shift_error_curve, shifted

DIGITS_CHECKED = 50


@pytest.fixture(scope="module")
def store():
    return PretrainedStore()  # $EXPLORER_PRETRAINED_DIR when set: point it at an edited copy to see a claim fail


@pytest.fixture(scope="module")
def pair(store):
    return read_pair(store)


def test_the_manifests_curves_are_what_the_shipped_models_do(store, pair):
    """The page draws the curve from the manifest: it must be the shipped models' own."""
    images = load_bundled_mnist().test_images
    for facts in (pair.mlp, pair.conv):
        measured = shift_error_curve(store.load_model(facts.name), images, pair.mlp.curve.shifts)
        np.testing.assert_allclose(measured.mse, facts.curve.mse, rtol=1e-4)


def test_both_errors_rise_with_every_pixel_of_shift(pair):
    """The curve's trend: each model's error grows at each step from 0 to 4 pixels."""
    for facts in (pair.mlp, pair.conv, pair.shift_trained):
        assert facts.curve.shifts == [0, 1, 2, 3, 4]
        assert all(a < b for a, b in zip(facts.curve.mse, facts.curve.mse[1:], strict=False)), facts


def test_the_pair_was_trained_alike_without_shifts(store, pair):
    """Go deeper: "Both were trained alike ... and no shifted digits at all"."""
    trainings = [store.model_info(facts.name)["train"] for facts in (pair.mlp, pair.conv)]
    assert trainings[0] == trainings[1] and trainings[0]["max_shift"] == pair.max_shift == 0
    configs = [store.model_info(facts.name)["config"]["latent_dim"] for facts in (pair.mlp, pair.conv)]
    assert configs == [pair.k, pair.k] == [store.group(GROUP)["k"]] * 2


def test_practice_on_moved_digits_flattens_the_curve(pair):
    """Go deeper: the dotted line, practice on moved digits (and longer training), grows less."""
    assert pair.shift_trained.max_shift > 0
    assert pair.shift_trained.curve.growth() < pair.conv.curve.growth()


def test_the_contrast_differs_only_in_what_the_page_names(store, pair):
    """Issue 26: the legend, the card and Go deeper name the contrast's shifts and its epochs (40 against 25); any
    other difference in the manifest would go unnamed."""
    mine, theirs = store.model_info(pair.conv.name), store.model_info(pair.shift_trained.name)
    differing = {key for part in ("config", "train") for key in {**mine[part], **theirs[part]}
                 if mine[part].get(key) != theirs[part].get(key)}
    assert differing <= set(NAMED_DIFFERENCES), differing
    assert f"for {pair.shift_trained.epochs} epochs against {pair.conv.epochs}" in contrast_in_words(pair)
    assert f"up to {pair.shift_trained.max_shift} pixels" in contrast_in_words(pair)


def test_the_maps_follow_whole_steps_only(store, pair):
    """Issue 26: the stride-2 layers' maps follow a digit moved by a whole number of their steps (layer 1: 2 and 4
    pixels, layer 2: 4) and change at the shifts between; the card's shift of 3 is followed by neither, which is
    what its "why" says."""
    found = shipped_following(store)  # what the page shows: measured at build time (the test below measures again)
    assert found.steps == [2, 4]
    for layer, step in enumerate(found.steps):
        for shift in found.shifts:
            assert found.follows(layer, shift) == (shift % step == 0), (layer, shift, found.off)
    assert not any(found.follows(layer, SHIFT) for layer in range(2))
    assert "neither conv layer's feature maps simply move along" in shift_prediction(pair, found).why


def test_the_shipped_following_is_what_the_shipped_conv_ae_shows(store):
    """Measured again from the shipped conv AE: a retrain of inside_network without a rebuilt
    inside_network_measures group fails here."""
    again = following_to_json(measure_shipped(store, load_bundled_mnist().test_images))
    built = following_to_json(shipped_following(store))
    assert again["shifts"] == built["shifts"] and again["steps"] == built["steps"]
    assert np.allclose(again["off"], built["off"], rtol=1e-5, atol=0)


def test_the_conv_maps_move_with_the_digit_but_the_code_changes(store, pair):
    """look_for: the maps follow whole steps, "the code's bars change at every shift". Each layer has stride 2: a
    digit moved 2 pixels moves the first layer's maps 1 place, moved 4 pixels the second's (away from the edges,
    where the padding differs)."""
    conv = store.load_model(pair.conv.name)
    images = load_bundled_mnist().test_images[:: len(load_bundled_mnist().test_images) // DIGITS_CHECKED]
    for image in images[:DIGITS_CHECKED]:
        still, moved = trace(conv, image[0]).encoder[0], trace(conv, shifted(image[0], 2, "right")).encoder[0]
        np.testing.assert_allclose(moved[:, :, 1:], still[:, :, :-1], atol=1e-5)
        still, moved = trace(conv, image[0]).encoder[1], trace(conv, shifted(image[0], 4, "right")).encoder[1]
        np.testing.assert_allclose(moved[:, :, 2:-1], still[:, :, 1:-2], atol=1e-4)
    codes, moved_codes = embed(conv, images), embed(conv, shifted(images, 2, "right"))
    change = np.linalg.norm(moved_codes - codes, axis=1) / np.linalg.norm(codes, axis=1)
    assert np.median(change) > 0.2, change


def test_the_build_notes_story_conv_lower_at_every_shift_but_no_flatter(pair):
    """docs/pretrained.md, inside_network: "The conv AE is the better at every shift ... a 4-pixel shift adds about
    as much error to each". The page says so (issue 26: not "grows 1.2 times as fast", a ratio of ratios)."""
    mlp, conv = pair.mlp.curve, pair.conv.curve
    assert all(c < m for c, m in zip(conv.mse, mlp.mse, strict=True))
    assert abs(conv.added() - mlp.added()) < ALIKE * mlp.added()
    assert "adds about the same error to both" in growth_in_words(pair) and "as fast" not in growth_in_words(pair)
