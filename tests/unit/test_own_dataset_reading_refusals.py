"""Every way an uploaded data set can be unusable or hostile ends in its own DatasetInputError, quickly and
without unpacking or allocating more than the limits allow."""

import io
import zipfile

import numpy as np
import pytest

from explorer.topics.own_dataset import archive, reading
from explorer.topics.own_dataset.reading import (
    MAX_IMAGES,
    MAX_UPLOAD_BYTES,
    DatasetInputError,
    read_dataset,
)
from tests.unit.bad_images import png_claiming_size
from tests.unit.own_datasets import (
    blobs,
    gz,
    idx_of,
    npy_of,
    npz_of,
    password_flagged,
    png,
    png_zip,
    with_declared_size,
    zip_of,
)

N = 60
TINY_PNG = png(np.zeros((1, 1), dtype=np.uint8))


def refused(filename: str, data: bytes, placement: str = "centre") -> str:
    with pytest.raises(DatasetInputError) as caught:
        read_dataset(filename, data, placement)
    return str(caught.value)


def test_a_zip_declaring_a_huge_unpacked_size_is_refused_before_reading():
    bomb = with_declared_size(zip_of({"a.png": png(blobs(1)[0])}), 0xFFFF_FFF0)
    assert "unpacks to more than 200 MB" in refused("bomb.zip", bomb)


def test_a_zip_unpacking_past_the_budget_is_refused(monkeypatch):
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 1_000_000)
    bomb = zip_of({f"{i}.bmp": bytes(400_000) for i in range(3)})  # compresses about 1000 : 1
    assert len(bomb) < 10_000
    assert "may be a zip bomb" in refused("bomb.zip", bomb)


def test_a_member_unpacking_past_its_declared_size_is_never_read_whole():
    liar = with_declared_size(zip_of({"a.bmp": bytes(5_000_000)}), 100)
    assert "Skipped 1 file that could not be unpacked (e.g. a.bmp)" in refused("liar.zip", liar)


@pytest.mark.parametrize("name", ["../evil.png", "cats/../../evil.png", "/etc/x.png", "C:/x.png"])
def test_a_zip_with_a_name_outside_its_folder_is_refused_and_named(name):
    message = refused("evil.zip", zip_of({"fine.png": png(blobs(1)[0]), name: png(blobs(1)[0])}))
    assert f"'{name}'" in message and "outside" in message


def test_a_zip_of_only_archives_is_refused():
    nested = zip_of({"inner.zip": png_zip(blobs(N)), "more.tar": b"x", "digits.npz": npz_of(x=blobs(N))})
    assert "archives inside it, which are not opened" in refused("nested.zip", nested)


def test_a_password_protected_zip_is_refused():
    assert "password" in refused("locked.zip", password_flagged(png_zip(blobs(N))))


@pytest.mark.parametrize("data, words", [
    (b"", "empty (0 bytes)"),
    (zip_of({}), "The zip is empty"),
    (zip_of({"empty/": b""}), "The zip is empty"),
    (b"PK\x03\x04 this is no zip", "damaged or not really a zip"),
    (b"just some text\n", "not a data set that can be read"),
    (gz(b"just some text\n"), "neither an IDX file nor an .npy array"),
    (gz(idx_of(blobs(N)))[:30], "damaged or cut short"),
    (zip_of({"readme.txt": b"hi"}), "holds no pictures"),
])
def test_empty_and_unknown_files_are_refused(data, words):
    assert words in refused("upload", data)


def test_more_than_50_mb_is_refused_with_the_limit():
    assert "the limit is 50 MB" in refused("huge.zip", bytes(MAX_UPLOAD_BYTES + 1))


def test_fewer_than_50_usable_images_are_refused_with_the_count():
    assert refused("few.zip", png_zip(blobs(12))).startswith("Found 12 usable images; at least 50 are needed.")


def test_ten_thousand_one_byte_files_are_answered_with_a_message():
    message = refused("tiny.zip", zip_of({f"{i}.png": b"x" for i in range(10_000)}))
    assert message.startswith("Found 0 usable images") and "Skipped 10,000 files that could not be read" in message


def test_ten_thousand_one_pixel_pictures_are_answered_with_a_message():
    message = refused("dots.zip", zip_of({f"{i}.png": TINY_PNG for i in range(10_000)}, zipfile.ZIP_STORED))
    assert message.startswith("Found 0 usable images") and "1 x 1 pixels" in message


def test_more_pictures_than_the_limit_are_refused_before_reading():
    message = refused("many.zip", zip_of({f"{i}.png": b"" for i in range(MAX_IMAGES + 1)}, zipfile.ZIP_STORED))
    assert "20,001 pictures; at most 20,000" in message


def test_more_entries_than_the_limit_are_refused_before_reading():
    message = refused("many.zip", zip_of({f"{i}.txt": b"" for i in range(archive.MAX_ENTRIES + 1)},
                                         zipfile.ZIP_STORED))
    assert "entries" in message and "20,000" in message


def test_pictures_both_in_folders_and_loose_are_refused():
    message = refused("mixed.zip", png_zip(blobs(N), ["cats"] * (N - 1) + [""]))
    assert "loose beside the folders" in message


@pytest.mark.parametrize("array, words", [
    (np.zeros(N, dtype=np.uint8), "has shape (60,)"),
    (np.zeros((N, 1, 28, 28, 1), dtype=np.uint8), "has shape (60, 1, 28, 28, 1)"),
    (np.zeros((N, 3, 5), dtype=np.uint8), "3 × 5 pixels, too small"),
    (np.zeros((0, 28, 28), dtype=np.uint8), "holds no images"),
    (np.zeros((MAX_IMAGES + 1, 8, 8), dtype=np.uint8), "20,001 images; at most 20,000"),
    (np.full((N, 28, 28), "7"), "<U1 values, not pixel numbers"),
    (np.zeros((N, 28, 28), dtype=np.complex64), "complex64 values"),
    (np.full((N, 28, 28), np.nan), "NaN or infinite"),
    (np.full((N, 28, 28), np.inf, dtype=np.float32), "NaN or infinite"),
    (np.full((N, 28, 28), -0.5), "negative values"),
    (np.full((N, 28, 28), 1000.0), "values up to 1000"),
])
def test_arrays_of_the_wrong_shape_or_values_are_refused(array, words):
    assert words in refused("bad.npy", npy_of(array))


def test_pickled_objects_are_refused_without_loading_them():
    objects = np.empty((N, 28, 28), dtype=object)
    assert "pickled" in refused("objects.npy", npy_of(objects, allow_pickle=True))
    assert "pickled" in refused("objects.npz", npz_of(x=objects))


def npy_header(shape: tuple[int, ...]) -> bytes:
    stream = io.BytesIO()
    np.lib.format.write_array_header_1_0(stream, {"descr": "|u1", "fortran_order": False, "shape": shape})
    return stream.getvalue()


def test_an_npy_whose_header_lies_about_its_size_is_refused_without_allocating():
    assert "cut short or damaged" in refused("short.npy", npy_header((10**9, 28, 28)) + bytes(784))
    assert "cut short or damaged" in refused("long.npy", npy_header((N, 28, 28)) + bytes(N * 784 + 1))
    assert "not a readable .npy" in refused("junk.npy", b"\x93NUMPY\x01\x00garbage")


@pytest.mark.parametrize("data, words", [
    (b"\0\0\x08\x03" + b"\0\0\0\x3c\0\0\0\x1c\0\0\0\x1c" + bytes(100), "cut short"),
    (b"\0\0\x08\x03\0\0", "ends inside its header"),
    (idx_of(blobs(N)) + b"extra", "longer than its header says"),
    (b"\0\0\x08\x03\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", "cut short"),
])
def test_damaged_idx_files_are_refused(data, words):
    assert words in refused("train-images-idx3-ubyte", data)


def test_an_idx_zip_with_a_wrong_magic_number_is_refused():
    files = {"train-images-idx3-ubyte": b"\x12\x34\x56\x78" + bytes(100)}
    assert "magic number" in refused("mnist.zip", zip_of(files))


def test_labels_of_the_wrong_length_are_refused():
    assert "59 labels" in refused("short.npz", npz_of(x=blobs(N), y=np.arange(N - 1)))
    files = {"images-idx3-ubyte": idx_of(blobs(N)), "labels-idx1-ubyte": idx_of(np.zeros(N + 1, dtype=np.uint8))}
    assert "61 labels" in refused("mnist.zip", zip_of(files))


def test_labels_that_are_not_classes_are_refused():
    assert "hold fractions" in refused("frac.npz", npz_of(x=blobs(N), y=np.linspace(0, 1, N)))
    assert "different classes" in refused("many.npz", npz_of(x=blobs(200), y=np.arange(200)))


def test_two_images_idx_files_in_one_zip_are_refused():
    files = {"train-images-idx3-ubyte": idx_of(blobs(N)), "t10k-images-idx3-ubyte": idx_of(blobs(N))}
    assert "exactly one images file" in refused("mnist.zip", zip_of(files))


def test_an_unknown_placement_is_a_programming_error():
    with pytest.raises(ValueError, match="placement"):
        read_dataset("mine.npy", npy_of(blobs(N)), "stretch")


def test_the_bounded_read_never_asks_for_more_than_the_budget(monkeypatch):
    asked = []
    real_open = zipfile.ZipFile.open

    def spying_open(self, *args, **kwargs):
        member = real_open(self, *args, **kwargs)
        real_read = member.read
        member.read = lambda n=-1: asked.append(n) or real_read(n)
        return member

    monkeypatch.setattr(zipfile.ZipFile, "open", spying_open)
    read_dataset("loose.zip", png_zip(blobs(N)))
    assert asked and all(0 < n <= archive.MAX_UNPACKED_BYTES + 1 for n in asked)


def test_too_many_pixels_in_all_are_refused(monkeypatch):
    assert "25 million" in refused("big.npy", npy_of(np.zeros((10_000, 51, 51), dtype=np.uint8)))
    monkeypatch.setattr(reading, "MAX_TOTAL_PIXELS", 28 * 28 * 10)
    assert "more than 0 million pixels in all" in refused("big.zip", png_zip(blobs(N)))


def test_a_picture_claiming_a_huge_size_is_skipped_unopened():
    files = {f"{i}.png": png(picture) for i, picture in enumerate(blobs(N))}
    files |= {"big.png": png_claiming_size(3_000, 3_000), "bomb.png": png_claiming_size(30_000, 30_000)}
    dataset = read_dataset("bomb.zip", zip_of(files))
    assert len(dataset.images) == N
    assert ("Skipped 2 files that could not be read as pictures (e.g. big.png: The image is far too large (3000 "
            "x 3000 pixels) to open safely: at most 4 million pixels. Shrink or crop it first.).") in dataset.notes


def test_a_picture_that_breaks_the_decoder_in_an_undocumented_way_is_skipped(monkeypatch):
    def fragile_read_grey(data, max_pixels):
        if data == b"hostile":
            raise IndexError("a decoder bug")
        return real_read_grey(data, max_pixels=max_pixels)

    real_read_grey = reading.read_grey
    monkeypatch.setattr(reading, "read_grey", fragile_read_grey)
    files = {f"{i}.png": png(picture) for i, picture in enumerate(blobs(N))} | {"odd.gif": b"hostile"}
    dataset = read_dataset("odd.zip", zip_of(files))
    assert len(dataset.images) == N
    assert "Skipped 1 file that could not be read as pictures (e.g. odd.gif: damaged (IndexError))." in dataset.notes
