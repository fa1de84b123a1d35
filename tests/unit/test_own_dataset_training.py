"""Training on a student's own data set: the split, what each epoch shows, neighbours in code space, the example."""

import io
import zipfile
from functools import partial

import numpy as np
import pytest
import torch

from explorer.core.shapes import sample_shapes
from explorer.topics.own_dataset.epoch_view import (
    MAP_IMAGES,
    SHOWN_IMAGES,
    SHOWN_SAMPLES,
    make_probe,
    map_of,
    sample_codes,
    view_epoch,
)
from explorer.topics.own_dataset.example import EXAMPLE_COUNT, example_zip
from explorer.topics.own_dataset.neighbours import distance_words, neighbours_of
from explorer.topics.own_dataset.predictions import ALIKE, HELD_OUT, TRAINED, held_out_prediction
from explorer.topics.own_dataset.reading import read_dataset
from explorer.topics.own_dataset.training import MIN_HELD_OUT, RunSettings, new_model, split_indices
from explorer.training.fit import evaluate, fit


def test_the_split_holds_out_a_fixed_tenth_and_covers_every_image_once():
    split = split_indices(500)
    assert len(split.held_out) == 50 and len(split.train) == 450
    assert sorted(np.concatenate([split.train, split.held_out]).tolist()) == list(range(500))
    again = split_indices(500)
    assert np.array_equal(split.held_out, again.held_out)
    assert len(split_indices(50).held_out) == MIN_HELD_OUT  # a small set still holds out enough to judge by
    with pytest.raises(ValueError):
        split_indices(2 * MIN_HELD_OUT - 1)


def test_small_sets_train_in_smaller_batches():
    assert RunSettings(train_count=450).train_config().batch_size == 28
    assert RunSettings(train_count=18_000).train_config().batch_size == 128
    with pytest.raises(ValueError):
        RunSettings(model="gan")


@pytest.fixture(scope="module")
def shapes():
    data = sample_shapes(300, seed=1)
    return data.images, data.factors[:, 0].astype(np.int64)


@pytest.mark.parametrize("model_name", ["ae", "vae"])
def test_every_epoch_shows_reconstructions_a_map_and_decodes(shapes, model_name):
    images, labels = shapes
    split = split_indices(len(images))
    settings = RunSettings(model=model_name, latent_dim=4, epochs=2, train_count=len(split.train))
    model = new_model(settings)
    probe = make_probe(images, labels, split, settings.latent_dim)
    train_images = images[split.train]
    views = []
    fit(model, train_images, images[split.held_out], settings.train_config(), device=torch.device("cpu"),
        on_epoch=lambda report: views.append(partial(view_epoch, probe, train_images)(model, report)))
    first, last = views
    assert first.reconstructions.shape == (SHOWN_IMAGES, 1, 28, 28)
    assert last.samples.shape == (SHOWN_SAMPLES, 1, 28, 28)
    assert last.map_2d.shape == (min(MAP_IMAGES, len(images)), 2) and 0 < last.map_share <= 1
    assert np.isin(probe.map_labels, labels).all() and len(probe.map_labels) == len(last.map_2d)
    assert first.train_mse > 0 and last.train_mse > 0  # measured after every epoch, as the held-out error is
    # issue 26: the training loss is measured after the epoch with the final weights, the same way as held out
    after = evaluate(model, train_images, device=torch.device("cpu"))
    assert last.train_mse == pytest.approx(after.pixels.mse, rel=1e-5)
    if model_name == "ae":  # a VAE's loss draws its codes at random
        assert last.train.total == pytest.approx(after.loss.total, rel=1e-5)
    assert last.held_out_mse > 0 and (first.epoch, last.epoch, last.epochs) == (1, 2, 2)
    # the shown originals are held out: never trained on
    held = images[split.held_out].reshape(len(split.held_out), -1)
    assert all((np.abs(held - shown.reshape(1, -1)).max(axis=1) == 0).any() for shown in probe.shown)


def test_the_map_is_the_codes_themselves_at_k_2_and_their_principal_plane_above():
    codes = np.random.default_rng(0).normal(size=(100, 2)).astype(np.float32)
    points, share = map_of(codes)
    assert np.array_equal(points, codes) and share == 1.0
    wide = np.concatenate([codes * 10, np.zeros((100, 3), np.float32)], axis=1)  # all the spread in two dims
    points, share = map_of(wide)
    assert points.shape == (100, 2) and share == pytest.approx(1.0)


def test_a_vae_decodes_prior_draws_and_an_ae_draws_from_a_bell_curve_fitted_to_its_codes():
    noise = np.random.default_rng(0).standard_normal((5000, 2)).astype(np.float32)
    vae = new_model(RunSettings(model="vae", latent_dim=2))
    assert np.array_equal(sample_codes(vae, np.zeros((10, 2), np.float32), noise), noise)
    ae = new_model(RunSettings(model="ae", latent_dim=2))
    codes = np.random.default_rng(1).multivariate_normal([5, -3], [[4, 1.5], [1.5, 1]], size=4000)
    drawn = sample_codes(ae, codes.astype(np.float32), noise)
    assert drawn.mean(axis=0) == pytest.approx([5, -3], abs=0.15)
    assert np.cov(drawn, rowvar=False) == pytest.approx(np.array([[4, 1.5], [1.5, 1]]), abs=0.25)


def test_neighbours_leave_the_image_out_and_come_nearest_first():
    codes = np.array([[0, 0], [3, 0], [1, 0], [0, 0], [10, 10], [2, 0], [0, 5], [4, 4]], np.float32)
    found = neighbours_of(codes, 0)
    assert 0 not in found.indices
    assert found.indices[0] == 3 and found.distances[0] == 0  # an exact copy elsewhere still counts, at 0
    assert found.indices[1:4].tolist() == [2, 5, 1]
    assert np.all(np.diff(found.distances) >= 0) and len(found.indices) == 6
    with pytest.raises(IndexError):
        neighbours_of(codes, 8)


def test_the_example_zip_holds_500_shapes_in_4_folders_and_reads_back_with_labels():
    data = example_zip()
    assert data == example_zip()  # deterministic: the same bytes every time
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    assert len(names) == EXAMPLE_COUNT and all(name.endswith(".png") for name in names)
    assert {name.split("/")[0] for name in names} == {"square", "ellipse", "heart", "triangle"}
    dataset = read_dataset("shapes_example.zip", data, placement="resize")
    assert dataset.images.shape == (EXAMPLE_COUNT, 1, 28, 28)
    assert sorted(dataset.class_names) == ["ellipse", "heart", "square", "triangle"]
    assert dataset.labels is not None and np.bincount(dataset.labels).sum() == EXAMPLE_COUNT
    shapes = sample_shapes(EXAMPLE_COUNT)  # "Just resize" leaves the 28 x 28 shapes as they were made
    def pixels(images):  # as 8-bit pictures, in a fixed order: the zip's folders reorder them
        return sorted(map(tuple, (np.asarray(images) * 255).round().astype(int).reshape(len(images), -1).tolist()))

    assert pixels(dataset.images) == pixels(shapes.images)


def test_the_card_is_answered_from_the_measured_errors():
    assert held_out_prediction(0.010, 0.020, 450, 50, "VAE, k = 8").answer == TRAINED
    assert held_out_prediction(0.020, 0.010, 450, 50, "VAE, k = 8").answer == HELD_OUT
    alike = held_out_prediction(0.0100, 0.0105, 450, 50, "AE, k = 2")
    assert alike.answer == ALIKE and "0.0100" in alike.measured and "0.0105" in alike.measured


def test_a_small_distance_is_never_written_as_zero():
    """Issue 26: a median that only rounds to 0 was shown as "0.00 away"."""
    assert distance_words(0.0031) == "0.0031" and distance_words(0.0) == "0.00" and distance_words(0.4567) == "0.46"
