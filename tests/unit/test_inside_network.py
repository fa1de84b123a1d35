"""The Inside the network page's logic: the layer walk, the shift, the channel choice, the words."""

import numpy as np
import pytest
import torch

from explorer.core.runtime import seed_everything
from explorer.models import MLPAE, ConvAE, ConvAEConfig, MLPAEConfig
from explorer.topics.inside_network.comparison import (
    ModelFacts,
    Pair,
    ShiftTrained,
    contrast_in_words,
    first_layer_weights,
    growth_in_words,
    levels_in_words,
)
from explorer.topics.inside_network.following import Following, following_summary, following_words
from explorer.topics.inside_network.layers import BY_NUMBER, MOST_ACTIVE, pick_channels, shown_maps, trace
from explorer.topics.inside_network.shift import ShiftCurve, shift_error_curve, shift_images, shift_row, shifted


@pytest.fixture(scope="module")
def conv():
    seed_everything(0)
    return ConvAE(ConvAEConfig(latent_dim=8)).eval()


def test_the_layer_walk_keeps_each_layers_maps_at_their_true_sizes(conv):
    image = np.random.default_rng(0).random((28, 28)).astype(np.float32)
    layers = trace(conv, image)
    assert [maps.shape for maps in layers.encoder] == [(32, 14, 14), (64, 7, 7)]
    assert layers.code.shape == (8,)
    assert [maps.shape for maps in layers.decoder] == [(64, 7, 7), (32, 14, 14), (1, 28, 28)]
    assert all((maps >= 0).all() for maps in layers.encoder + layers.decoder)  # after the ReLUs (and sigmoid)


def test_the_layer_walk_ends_at_the_models_own_code_and_reconstruction(conv):
    image = np.random.default_rng(1).random((1, 28, 28)).astype(np.float32)
    layers = trace(conv, image)
    with torch.inference_mode():
        x = torch.from_numpy(image[None])
        np.testing.assert_allclose(layers.code, conv.embed(x)[0].numpy(), atol=1e-6)
        np.testing.assert_allclose(layers.reconstruction, conv.reconstruct(x)[0, 0].numpy(), atol=1e-6)
    assert layers.mse == pytest.approx(float(np.mean((layers.reconstruction - image[0]) ** 2)))


def test_a_shift_moves_every_pixel_and_drops_what_leaves_the_frame():
    image = np.zeros((28, 28), np.float32)
    image[5, 7] = 1.0
    image[27, 0] = 0.5
    moved = shift_images(image, 2, -3)
    assert moved[7, 4] == 1.0 and moved.sum() == 1.0  # the pixel at the bottom edge went out of the frame
    np.testing.assert_array_equal(shift_images(image, 0, 0), image)
    np.testing.assert_array_equal(shifted(image[None], 4, "right")[0, 5, 11], 1.0)
    np.testing.assert_array_equal(shifted(image, 1, "up")[4, 7], 1.0)
    batch = np.stack([image, image * 0.5])[:, None]  # N x 1 x 28 x 28
    assert shift_images(batch, 1, 1)[1, 0, 6, 8] == 0.5


def test_channels_are_the_most_active_or_a_run_that_wraps_round():
    maps = np.zeros((6, 2, 2), np.float32)
    maps[4] = 3.0
    maps[1] = 2.0
    maps[5, 0, 0] = 1.0
    assert list(pick_channels(maps, MOST_ACTIVE, 0, 3)) == [4, 1, 5]
    assert list(pick_channels(maps, BY_NUMBER, 4, 4)) == [4, 5, 0, 1]
    assert list(pick_channels(maps[:1], BY_NUMBER, 9, 4)) == [0]
    with pytest.raises(ValueError, match="channel mode"):
        pick_channels(maps, "loudest", 0, 2)
    np.testing.assert_allclose(shown_maps(maps, np.array([1, 4])).max(axis=(1, 2)), [2 / 3, 1.0])
    np.testing.assert_allclose(shown_maps(maps, np.array([5, 1])).max(axis=(1, 2)), [0.5, 1.0])
    assert shown_maps(maps, np.array([0])).max() == 0.0


def test_the_error_curve_and_row_measure_the_shifted_digit(conv):
    images = np.random.default_rng(2).random((5, 1, 28, 28)).astype(np.float32)
    curve = shift_error_curve(conv, images, shifts=(0, 2))
    assert curve.shifts == [0, 2] and len(curve.mse) == 2 and all(m > 0 for m in curve.mse)
    row = shift_row(conv, images[0, 0], shifts=(0, 3))
    np.testing.assert_array_equal(row.inputs[1], shifted(images[0, 0], 3, "right"))
    assert row.reconstructions.shape == (2, 28, 28) and row.mse.shape == (2,)


def test_first_layers_are_drawn_as_pictures(conv):
    seed_everything(0)
    mlp = MLPAE(MLPAEConfig(latent_dim=8, hidden_dim=20))
    assert first_layer_weights(mlp).shape == (20, 28, 28)
    assert first_layer_weights(conv).shape == (32, 4, 4)


def pair_with(mlp_mse, conv_mse) -> Pair:
    shifts = list(range(len(mlp_mse)))
    return Pair(16, 0, ModelFacts("m", "fully connected AE", 10, mlp_mse[0], ShiftCurve(shifts, mlp_mse), 25),
                ModelFacts("c", "conv AE", 5, conv_mse[0], ShiftCurve(shifts, conv_mse), 25),
                ShiftTrained("b", 2, 40, ShiftCurve(shifts, conv_mse)))


def test_the_words_follow_the_numbers_whichever_way_they_go():
    conv_steeper = pair_with([0.02, 0.04, 0.06], [0.01, 0.03, 0.05])
    words = growth_in_words(conv_steeper)  # 5× against 3× in proportion, but the same error added
    assert "the shift **adds about the same error to both**, 0.0400 and 0.0400" in words
    assert "times as fast" not in words  # issue 26: no ratio of ratios
    assert levels_in_words(conv_steeper).startswith("The conv AE's error is the lower at every shift")
    mlp_steeper = pair_with([0.01, 0.03, 0.06], [0.02, 0.02, 0.03])
    assert "the shift **adds more error to the fully connected AE**, 0.0500 against 0.0100." in growth_in_words(
        mlp_steeper)
    assert levels_in_words(mlp_steeper) == ("The conv AE's error is the lower at shifts of 1, 2 pixels only, "
                                            "the fully connected AE's elsewhere.")


def test_the_contrast_names_every_way_it_differs():
    """Issue 26: the shift-trained contrast differs in its shifts and its epochs; the words name both."""
    assert contrast_in_words(pair_with([0.02, 0.03], [0.01, 0.02])).endswith(
        "differs from the conv AE here in two things: it was trained on digits moved at random by up to 2 pixels, "
        "and for 40 epochs against 25")


def test_maps_follow_only_the_shifts_that_are_whole_steps():
    found = Following([1, 2, 3, 4], [2, 4], [[0.5, 0.0004, 0.52, 0.011], [0.34, 0.6, 0.33, 0.04]])
    assert following_summary(found) == "layer 1's at 2 and 4 pixels; layer 2's at 4 pixels"
    words = following_words(found)
    assert ("Moved 2 or 4 pixels, a whole number of places, the digit takes its maps along (under 0.1% and 1.1% off "
            "the unmoved maps moved 1 and 2 places); moved 1 or 3 pixels, between two places, its maps change: 50% "
            "to 52% off") in words
    assert "Moved 4 pixels, a whole number of places, the digit takes its maps along (4.0% off the unmoved maps " \
           "moved 1 place); moved 1, 2 or 3 pixels, between two places, its maps change: 33% to 60% off" in words


def test_the_tiny_build_lists_the_pair_with_sizes_and_curves(tiny_pretrained):
    from explorer.checkpoints.store import PretrainedStore
    from explorer.topics.inside_network.comparison import read_pair

    store = PretrainedStore(tiny_pretrained)
    pair = read_pair(store)
    for facts in (pair.mlp, pair.conv):
        model = store.load_model(facts.name)
        assert facts.parameters == sum(p.numel() for p in model.parameters())
        assert len(facts.curve.mse) == len(facts.curve.shifts) == 5
    assert store.model_info(pair.mlp.name)["train"] == store.model_info(pair.conv.name)["train"]
    assert len(pair.shift_trained.curve.mse) == 5
