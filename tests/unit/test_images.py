import numpy as np

from explorer.core.images import enlarge, strip


def test_enlarge_repeats_each_pixel():
    image = np.array([[0.0, 1.0]])
    np.testing.assert_array_equal(enlarge(image, 2), [[0, 0, 255, 255], [0, 0, 255, 255]])


def test_strip_lays_images_side_by_side_enlarged():
    images = np.zeros((3, 1, 28, 28), np.float32)
    images[1] = 1.0
    out = strip(images, factor=2, gap=1)
    assert out.shape == (56, (3 * 28 + 2) * 2)
    assert out[:, 58:114].min() == 255  # the middle image, white
    assert out[:, :56].max() == 0 and out[:, 56:58].min() == 128  # a black image, then a grey gap
