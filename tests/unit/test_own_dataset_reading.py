"""What a student's own data set becomes: the good paths of explorer.topics.own_dataset, one format at a time.
The refusals are in test_own_dataset_reading_refusals.py."""

import numpy as np
import pytest

from explorer.topics.own_dataset.reading import (
    MAX_IMAGES,
    MAX_UPLOAD_BYTES,
    MIN_IMAGES,
    PLACEMENTS,
    limits_text,
    read_dataset,
)
from tests.unit.own_datasets import blobs, gz, idx_of, npy_of, npz_of, png, png_zip, zip_of

N = 60  # just over MIN_IMAGES


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    ys, xs = np.indices(image.shape)
    return (ys * image).sum() / image.sum(), (xs * image).sum() / image.sum()


def check_images(dataset, count: int = N) -> None:
    assert dataset.images.shape == (count, 1, 28, 28) and dataset.images.dtype == np.float32
    assert 0.0 <= dataset.images.min() and dataset.images.max() <= 1.0


@pytest.mark.parametrize("placement", list(PLACEMENTS))
def test_class_folders_give_labels_and_class_names(placement):
    folders = ["cats", "dogs", "owls"] * (N // 3)
    dataset = read_dataset("pets.zip", png_zip(blobs(N), folders), placement)
    check_images(dataset)
    assert dataset.class_names == ("cats", "dogs", "owls")
    assert dataset.labels.dtype == np.int64
    # The zip lists 0.png, 1.png, 10.png ...: each label must follow its own picture, whatever the order.
    order = sorted(range(N), key=lambda i: f"{folders[i]}/{i}.png")
    assert [dataset.class_names[label] for label in dataset.labels] == [folders[i] for i in order]
    assert dataset.source == f"a zip of {N} images in 3 class folders"


def test_a_folder_that_every_picture_shares_is_not_a_class():
    folders = [f"my data/{name}" for name in ["a", "b"] * (N // 2)]
    dataset = read_dataset("mine.zip", png_zip(blobs(N), folders))
    assert dataset.class_names == ("a", "b")


def test_pictures_at_the_top_of_the_zip_have_no_labels():
    dataset = read_dataset("loose.zip", png_zip(blobs(N)))
    check_images(dataset)
    assert dataset.labels is None and dataset.class_names == ()
    assert dataset.source == f"a zip of {N} images"


def test_other_files_corrupt_pictures_and_archives_are_skipped_and_counted():
    files = {f"{i}.png": png(picture) for i, picture in enumerate(blobs(N))}
    files |= {"readme.txt": b"my digits", ".DS_Store": b"\0\0\0\1Bud1", "__MACOSX/._0.png": b"\0\5\26\7"}
    files |= {"broken.png": png(blobs(1)[0])[:40], "noise.jpg": b"not a jpeg at all"}
    files |= {"more.zip": zip_of({"x.png": png(blobs(1)[0])}), "extra.npy": npy_of(blobs(2))}
    dataset = read_dataset("messy.zip", zip_of(files))
    check_images(dataset)
    assert "Skipped 4 files that are not images (e.g. .DS_Store)." in dataset.notes
    assert any(note.startswith("Skipped 2 files that could not be read as pictures") for note in dataset.notes)
    assert any(note.startswith("Skipped 1 archive inside the zip (e.g. more.zip)") for note in dataset.notes)


def test_other_sizes_are_resized_and_the_note_says_how_many():
    dataset = read_dataset("big.zip", png_zip(blobs(N, size=32)), "resize")
    check_images(dataset)
    assert f"{N} images of 32 × 32 resized to 28 × 28." in dataset.notes
    pictures = [png(picture) for picture in blobs(N // 2, size=32)] + [png(p) for p in blobs(N // 2, size=40)]
    mixed = read_dataset("mixed.zip", zip_of({f"{i}.png": data for i, data in enumerate(pictures)}), "resize")
    assert "2 sizes found, all resized to 28 × 28." in mixed.notes


def test_centre_moves_an_off_centre_picture_to_the_middle_and_resize_leaves_it():
    pictures = np.zeros((N, 28, 28), dtype=np.uint8)
    pictures[:, 2:8, 2:8] = 255  # a square in the top-left corner
    centred = read_dataset("corner.npy", npy_of(pictures), "centre").images[0, 0]
    resized = read_dataset("corner.npy", npy_of(pictures), "resize").images[0, 0]
    assert centre_of_mass(centred) == pytest.approx((14.0, 14.0), abs=0.6)
    assert centre_of_mass(resized) == pytest.approx((4.5, 4.5), abs=0.1)
    assert centred.max() == pytest.approx(1.0) and np.count_nonzero(centred > 0.5) > 36  # grown to fit 20 x 20


def test_centre_inverts_dark_ink_on_light_paper_and_resize_does_not():
    paper = 255 - blobs(N)
    centred = read_dataset("paper.npy", npy_of(paper), "centre")
    resized = read_dataset("paper.npy", npy_of(paper), "resize")
    assert centred.images[:, 0, 0, 0].max() == 0.0  # the border is black: the background was inverted
    assert resized.images[:, 0, 0, 0].min() == 1.0
    assert any("inverted" in note and note.startswith(f"{N} pictures of {N}") for note in centred.notes)


def test_npz_images_and_labels():
    pictures, labels = blobs(N), np.arange(N) % 4
    dataset = read_dataset("mine.npz", npz_of(x=pictures, y=labels), "resize")
    check_images(dataset)
    np.testing.assert_allclose(dataset.images[:, 0], pictures / 255.0, atol=1e-6)
    assert dataset.labels.tolist() == labels.tolist() and dataset.class_names == ("0", "1", "2", "3")
    assert dataset.source == f"an .npz array of {N} images in 4 classes"


def test_npz_keras_names_and_named_labels_with_unused_arrays_noted():
    names = np.array(["cat", "dog"])[np.arange(N) % 2]
    dataset = read_dataset("k.npz", npz_of(x_train=blobs(N), y_train=names, x_test=blobs(3)), "resize")
    assert dataset.class_names == ("cat", "dog") and dataset.labels[:2].tolist() == [0, 1]
    assert "Arrays not used: x_test." in dataset.notes


def test_npy_of_images_has_no_labels():
    dataset = read_dataset("mine.npy", npy_of(blobs(N)), "resize")
    check_images(dataset)
    assert dataset.labels is None and dataset.source == f"an .npy array of {N} images"


@pytest.mark.parametrize("shape", [(N, 1, 28, 28), (N, 28, 28, 1), (N, 784)])
def test_other_layouts_of_grey_images(shape):
    pictures = blobs(N)
    dataset = read_dataset("mine.npy", npy_of(pictures.reshape(shape)), "resize")
    np.testing.assert_allclose(dataset.images[:, 0], pictures / 255.0, atol=1e-6)


def test_uint8_and_float_pixels_are_scaled_alike():
    pictures = blobs(N)
    as_bytes = read_dataset("a.npy", npy_of(pictures), "resize").images
    as_fractions = read_dataset("b.npy", npy_of(pictures / 255.0), "resize")
    as_float_bytes = read_dataset("c.npy", npy_of(pictures.astype(np.float32)), "resize")
    np.testing.assert_allclose(as_fractions.images, as_bytes, atol=1e-6)
    np.testing.assert_allclose(as_float_bytes.images, as_bytes, atol=1e-6)
    assert as_fractions.notes == () and "divided by 255" in as_float_bytes.notes[0]


@pytest.mark.parametrize("channels_first", [False, True])
def test_colour_channels_are_averaged_to_grey(channels_first):
    red = blobs(N)
    rgb = np.stack([red, np.zeros_like(red), np.full_like(red, 30)], axis=1 if channels_first else -1)
    dataset = read_dataset("rgb.npy", npy_of(rgb), "resize")
    np.testing.assert_allclose(dataset.images[:, 0], (red / 255.0 + 30 / 255.0) / 3, atol=1e-6)
    assert "Colour channels were averaged to grey (3 channels)." in dataset.notes


def test_an_idx_images_file_alone_raw_or_gzipped():
    pictures = blobs(N)
    for name, data in (("train-images-idx3-ubyte", idx_of(pictures)), ("t-idx3-ubyte.gz", gz(idx_of(pictures)))):
        dataset = read_dataset(name, data, "resize")
        np.testing.assert_allclose(dataset.images[:, 0], pictures / 255.0, atol=1e-6)
        assert dataset.labels is None and dataset.source == f"an IDX file of {N} images"


def test_a_zip_of_idx_images_and_labels_gzipped_or_not():
    pictures, labels = blobs(N), (np.arange(N) % 10).astype(np.uint8)
    files = {"train-images-idx3-ubyte.gz": gz(idx_of(pictures)), "train-labels-idx1-ubyte": idx_of(labels)}
    dataset = read_dataset("mnist.zip", zip_of(files), "resize")
    check_images(dataset)
    assert dataset.labels.tolist() == labels.tolist() and len(dataset.class_names) == 10
    assert dataset.source == f"IDX files of {N} images in 10 classes"


def test_blank_pictures_are_skipped_by_centre_with_their_labels():
    pictures, labels = blobs(N + 5), np.arange(N + 5) % 2
    pictures[:5] = 0
    dataset = read_dataset("blank.npz", npz_of(x=pictures, y=labels), "centre")
    check_images(dataset)
    assert dataset.labels.tolist() == labels[5:].tolist()
    assert any(note.startswith("Skipped 5 pictures: No digit found") for note in dataset.notes)


def test_the_limits_sentence_names_every_limit():
    text = limits_text()
    for part in (f"{MAX_IMAGES:,}", f"{MAX_UPLOAD_BYTES // 2**20} MB", str(MIN_IMAGES), "28 × 28", ".zip", ".npz",
                 ".npy", "IDX"):
        assert part in text
