"""What an uploaded data set may be: its limits, the error every refusal raises, and the sentence that tells
the student both before they upload."""

from __future__ import annotations

MAX_IMAGES = 20_000
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MIN_IMAGES = 50  # fewer cannot train or show anything
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # what a zip or gzip may unpack to: the zip-bomb guard
MAX_ENTRIES = MAX_IMAGES + 5_000  # zip entries in all, leaving room for folders and stray files
MAX_TOTAL_PIXELS = 25_000_000  # before resizing, all images together (20,000 of 32 x 32 fit): 100 MB as float32
MAX_IMAGE_PIXELS = 4_000_000  # one picture in a zip: 2000 x 2000
MIN_SIDE = 8  # pixels: like digitize, anything smaller cannot hold a recognisable picture
MAX_CLASSES = 100  # more labels than this is not a classification the pages can show
SIDE = 28  # every image ends up 28 x 28
PLACEMENTS = {"centre": "Centre like MNIST", "resize": "Just resize"}
# For st.file_uploader(type=...): None, because MNIST's own IDX names (train-images-idx3-ubyte) have no
# extension that a browser's file filter could match; read_dataset recognises every format by its bytes.
ACCEPTED_TYPES = None


class DatasetInputError(ValueError):
    """An upload that cannot become a data set; str(error) is the message to show the student."""


def limits_text() -> str:
    """One sentence for the uploader's help: formats, counts, size and resizing."""
    return (f"A .zip of pictures (in one folder per class for labels), an .npz or .npy array, or MNIST's IDX "
            f"files (an images file, gzipped or not, or a .zip of an images and a labels file): "
            f"{MIN_IMAGES} to {MAX_IMAGES:,} images and at most {MAX_UPLOAD_BYTES // 2**20} MB; "
            f"other sizes are resized to {SIDE} × {SIDE}.")


def count(number: int, thing: str, things: str | None = None) -> str:
    """'1 image', '5,000 images': every note and message counts this way."""
    return f"{number:,} {thing if number == 1 else things or thing + 's'}"


def are(number: int) -> str:
    return "is" if number == 1 else "are"
