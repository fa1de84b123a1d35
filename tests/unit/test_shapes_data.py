"""The shapes data set: every combination of the factors once, deterministic, and each factor visible."""

import numpy as np
import pytest

from explorer.core.shapes import (
    FACTOR_NAMES,
    FACTOR_SIZES,
    POSITIONS,
    ROTATIONS,
    SCALES,
    SHAPE_NAMES,
    SIDE,
    SUPERSAMPLE,
    _inside,
    factor_value,
    make_shapes,
    sample_shapes,
)


@pytest.fixture(scope="module")
def shapes():
    return make_shapes()


def drawn_one_by_one() -> tuple[np.ndarray, np.ndarray]:
    """The set's first version, kept here as the reference: each (shape, scale, rotation) drawn on its own
    supersampled 2·SIDE canvas, then every crop appended to a list, one at a time."""
    pixels = (np.arange(2 * SIDE * SUPERSAMPLE) + 0.5) / SUPERSAMPLE - SIDE
    right, down = np.meshgrid(pixels, pixels)
    images, factors = [], []
    for s, shape in enumerate(SHAPE_NAMES):
        for c, radius in enumerate(SCALES):
            for r, degrees in enumerate(ROTATIONS):
                turn = np.deg2rad(degrees)
                u = (right * np.cos(turn) - down * np.sin(turn)) / radius
                v = (-right * np.sin(turn) - down * np.cos(turn)) / radius
                canvas = _inside(shape, u, v).astype(np.float32)
                canvas = canvas.reshape(2 * SIDE, SUPERSAMPLE, 2 * SIDE, SUPERSAMPLE).mean(axis=(1, 3))
                for i, x in enumerate(POSITIONS):
                    for j, y in enumerate(POSITIONS):
                        images.append(canvas[SIDE - y:2 * SIDE - y, SIDE - x:2 * SIDE - x])
                        factors.append((s, c, r, i, j))
    return np.stack(images)[:, None].astype(np.float32), np.array(factors, dtype=np.int64)


def test_the_images_are_the_bits_the_shipped_models_were_built_on(shapes):
    """make_shapes draws all at once what the first version drew canvas by canvas: the same bytes, the same order
    (the shipped models were trained and scored on them)."""
    images, factors = drawn_one_by_one()
    assert shapes.images.dtype == images.dtype and shapes.images.shape == images.shape
    assert shapes.images.tobytes() == images.tobytes()
    assert shapes.factors.dtype == factors.dtype and np.array_equal(shapes.factors, factors)


def test_every_combination_of_the_factors_appears_once(shapes):
    assert shapes.images.shape == (int(np.prod(FACTOR_SIZES)), 1, 28, 28)
    assert shapes.images.dtype == np.float32
    assert 0.0 <= shapes.images.min() and shapes.images.max() <= 1.0
    assert len({tuple(row) for row in shapes.factors}) == len(shapes)
    assert (shapes.factors.max(axis=0) + 1).tolist() == list(FACTOR_SIZES)


def test_it_is_the_same_every_time(shapes):
    again = make_shapes()
    assert np.array_equal(again.images, shapes.images) and np.array_equal(again.factors, shapes.factors)


def test_no_two_images_are_alike(shapes):
    flat = shapes.images.reshape(len(shapes), -1)
    assert len(np.unique(flat.round(3), axis=0)) == len(shapes)


def _image(shapes, **factors) -> np.ndarray:
    wanted = np.array([factors.get(name, 0) for name in FACTOR_NAMES])
    return shapes.images[np.flatnonzero((shapes.factors == wanted).all(axis=1))[0], 0]


def test_an_image_is_found_by_its_factors(shapes):
    found = shapes.index(shape=3, x=5)
    assert shapes.factors[found, 0] == 3 and shapes.factors[found, 3] == 5
    assert shapes.index() == 0
    with pytest.raises(ValueError, match="unknown factors"):
        shapes.index(colour=1)
    with pytest.raises(ValueError, match="no image"):
        shapes.index(shape=9)


def _centre_of_mass(image: np.ndarray) -> np.ndarray:
    rows, columns = np.indices(image.shape)
    return np.array([(image * columns).sum(), (image * rows).sum()]) / image.sum()


def test_x_and_y_move_the_shape_by_whole_pixels(shapes):
    step = POSITIONS[1] - POSITIONS[0]
    start = _centre_of_mass(_image(shapes, shape=2, x=2, y=5))
    assert _centre_of_mass(_image(shapes, shape=2, x=3, y=5)) == pytest.approx(start + [step, 0], abs=1e-4)
    assert _centre_of_mass(_image(shapes, shape=2, x=2, y=6)) == pytest.approx(start + [0, step], abs=1e-4)


def test_the_shape_is_centred_where_its_position_says(shapes):
    # The square and the ellipse are symmetric: their centre of mass is their centre.
    for shape in (0, 1):
        for x, y in ((0, 7), (4, 2)):
            centre = _centre_of_mass(_image(shapes, shape=shape, scale=3, x=x, y=y))
            assert centre == pytest.approx([POSITIONS[x] - 0.5, POSITIONS[y] - 0.5], abs=0.05)


def test_scale_grows_the_ink_and_rotation_turns_it(shapes):
    ink = [_image(shapes, shape=0, scale=scale, x=4, y=4).sum() for scale in range(FACTOR_SIZES[1])]
    assert np.all(np.diff(ink) > 0)
    upright, turned = _image(shapes, shape=0, rotation=0, scale=5), _image(shapes, shape=0, rotation=4, scale=5)
    assert upright.sum() == pytest.approx(turned.sum(), rel=0.05)  # the same square ...
    assert np.abs(upright - turned).sum() > 0.2 * upright.sum()  # ... turned by 45°


def test_the_shapes_differ_from_each_other(shapes):
    pictures = [_image(shapes, shape=shape, scale=5, x=4, y=4) for shape in range(FACTOR_SIZES[0])]
    for i in range(len(pictures)):
        for j in range(i + 1, len(pictures)):
            assert np.abs(pictures[i] - pictures[j]).sum() > 5


def test_a_sample_is_a_fixed_subset():
    first, again = sample_shapes(500, seed=3), sample_shapes(500, seed=3)
    assert len(first) == 500 and np.array_equal(first.factors, again.factors)
    assert len({tuple(row) for row in first.factors}) == 500
    assert not np.array_equal(first.factors, sample_shapes(500, seed=4).factors)
    for count in (0, 10**6):
        with pytest.raises(ValueError, match="choose between"):
            sample_shapes(count)


def test_factor_values_in_words():
    assert factor_value("shape", 2) == "heart"
    assert factor_value("x", 0) == f"x = {POSITIONS[0]} px"
    assert factor_value("rotation", 4) == "45°"
    with pytest.raises(ValueError):
        factor_value("colour", 0)
