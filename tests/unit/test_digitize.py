import numpy as np
import pytest
from PIL import Image

from explorer.core.data import load_bundled_mnist
from explorer.core.digitize import DigitInputError, digitize_drawing, digitize_upload, mnist_style
from tests.unit.bad_images import BAD_FILES, UNUSUAL_FILES, digit_picture, encode


def ink_box(image: np.ndarray) -> tuple[int, int]:
    rows, cols = np.nonzero(image > 0.05)
    return rows.max() - rows.min() + 1, cols.max() - cols.min() + 1


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    ys, xs = np.indices(image.shape)
    return (ys * image).sum() / image.sum(), (xs * image).sum() / image.sum()


def test_an_mnist_digit_blown_up_and_inverted_comes_back_close_to_itself():
    digits = load_bundled_mnist().test_images[::50, 0]
    errors = []
    for digit in digits:
        paper = Image.fromarray((255 - digit * 255).astype(np.uint8)).resize((200, 200), Image.Resampling.BILINEAR)
        result = digitize_upload(encode(paper))
        assert result.image.shape == (1, 28, 28) and result.image.dtype == np.float32
        errors.append(((result.image[0] - digit) ** 2).mean())
    assert np.median(errors) < 0.015  # about the error of a good autoencoder's reconstruction


def test_the_digit_is_scaled_to_fit_20_by_20_keeping_its_shape_and_centred_by_mass():
    tall_bar = np.zeros((300, 100))
    tall_bar[20:280, 40:60] = 1.0  # 260 x 20: a "1", thirteen times taller than wide
    image, _ = mnist_style(tall_bar)
    height, width = ink_box(image[0])
    assert height == 20 and width <= 3
    assert centre_of_mass(image[0]) == pytest.approx((14.0, 14.0), abs=0.6)


def test_a_digit_in_a_corner_is_moved_to_the_centre():
    picture = np.zeros((100, 100))
    picture[5:35, 5:25] = 1.0
    image, _ = mnist_style(picture)
    assert ink_box(image[0]) == (20, 13) or ink_box(image[0])[0] == 20
    assert centre_of_mass(image[0]) == pytest.approx((14.0, 14.0), abs=0.6)


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_each_bad_file_gets_its_own_clear_message(name):
    data, phrase = BAD_FILES[name]
    with pytest.raises(DigitInputError) as caught:
        digitize_upload(data)
    assert phrase.lower() in str(caught.value).lower()


@pytest.mark.parametrize("name", list(UNUSUAL_FILES))
def test_unusual_but_valid_files_become_the_same_digit(name):
    data, note = UNUSUAL_FILES[name]
    reference = digitize_upload(encode(Image.fromarray(digit_picture()))).image
    result = digitize_upload(data)
    assert np.abs(result.image - reference).mean() < 0.03
    if note is not None:
        assert any(note in line for line in result.notes)


def test_a_drawing_becomes_a_digit_and_an_empty_canvas_none():
    canvas = np.zeros((224, 224, 4), dtype=np.uint8)
    canvas[..., 3] = 255  # the black background is painted
    assert digitize_drawing(canvas) is None
    ink = digit_picture(224, ink=255, paper=0)
    canvas[..., 0] = canvas[..., 1] = canvas[..., 2] = ink
    drawn = digitize_drawing(canvas)
    assert drawn is not None and drawn.notes == ()
    assert ink_box(drawn.image[0])[0] == 20
    transparent = np.zeros((224, 224, 4), dtype=np.uint8)  # a canvas that sends only its strokes
    transparent[..., :3] = 255
    transparent[..., 3] = ink
    np.testing.assert_allclose(digitize_drawing(transparent).image, drawn.image, atol=0.02)


def test_the_corpus_holds_the_kinds_of_file_it_claims():
    import io

    modes = {name: Image.open(io.BytesIO(data)) for name, (data, _) in UNUSUAL_FILES.items()}
    assert modes["sixteen_bit.png"].mode == "I;16"
    assert modes["palette.png"].mode == "P" and modes["rgba.png"].mode == "RGBA"
    assert modes["animated.gif"].n_frames == 2
