"""The example data set a student without one can download or load: 500 generated shapes, one folder per
shape, as a zip the page's own reader takes."""

from __future__ import annotations

import io
import zipfile

import numpy as np
from PIL import Image

from explorer.core.images import to_uint8
from explorer.core.shapes import sample_shapes

EXAMPLE_COUNT = 500
EXAMPLE_NAME = "shapes_example.zip"
EXAMPLE_PLACEMENT = "resize"  # the shapes are 28 x 28 already: centring them would erase their position and size
FIXED_TIME = (2026, 1, 1, 0, 0, 0)  # every entry's date: the same shapes give the same bytes, download after download


def png_bytes(image: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(to_uint8(image), mode="L").save(buffer, format="PNG")
    return buffer.getvalue()


def example_zip(count: int = EXAMPLE_COUNT, seed: int = 0) -> bytes:
    """A zip of `count` shapes, <shape name>/<number>.png, 28 x 28 grey PNGs; the same bytes for the same
    arguments."""
    shapes = sample_shapes(count, seed=seed)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, (image, factors) in enumerate(zip(shapes.images, shapes.factors, strict=True)):
            entry = zipfile.ZipInfo(f"{shapes.shape_names[int(factors[0])]}/{number:04d}.png", date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, png_bytes(image))
    return buffer.getvalue()
