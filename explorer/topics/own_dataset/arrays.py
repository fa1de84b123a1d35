"""Array uploads (.npy, .npz, MNIST IDX) read without running code or trusting their headers, and turned
into N x H x W grey floats in [0, 1]."""

from __future__ import annotations

import io
import struct

import numpy as np

from explorer.topics.own_dataset.limits import (
    MAX_IMAGES,
    MAX_TOTAL_PIXELS,
    MIN_SIDE,
    SIDE,
    DatasetInputError,
)

IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
NPY_MAGIC = b"\x93NUMPY"


def is_idx(data: bytes) -> bool:
    return len(data) >= 4 and data[:2] == b"\0\0" and data[2] in IDX_TYPES and 1 <= data[3] <= 4


def read_idx(data: bytes, name: str) -> np.ndarray:
    """An IDX file (MNIST's format: magic, big-endian sizes, then the values) -> its array."""
    if not is_idx(data):
        raise DatasetInputError(f"{name} is not an IDX file: its first bytes are not an IDX magic number "
                                "(MNIST's train-images-idx3-ubyte starts with 00 00 08 03).")
    dims_end = 4 + 4 * data[3]
    if len(data) < dims_end:
        raise DatasetInputError(f"{name} is cut short: it ends inside its header.")
    dims = struct.unpack(f">{data[3]}I", data[4:dims_end])
    dtype = np.dtype(IDX_TYPES[data[2]])
    expected = int(np.prod(dims, dtype=object)) * dtype.itemsize  # Python ints: a lying header cannot overflow
    if len(data) - dims_end != expected:
        short = "cut short" if len(data) - dims_end < expected else "longer than its header says"
        raise DatasetInputError(f"{name} is {short}: its header promises {expected:,} bytes of values for "
                                f"shape {dims}, but it holds {len(data) - dims_end:,}.")
    return np.frombuffer(data, dtype, offset=dims_end).reshape(dims)


def read_npy(data: bytes, name: str) -> np.ndarray:
    """A .npy file -> its array; pickled objects and sizes the header lies about are refused before loading."""
    stream = io.BytesIO(data)
    try:
        version = np.lib.format.read_magic(stream)
        read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        shape, _, dtype = read_header(stream)
    except (ValueError, OSError, EOFError, SyntaxError, TypeError):
        raise DatasetInputError(f"{name} is not a readable .npy array file (its header is damaged).") from None
    if dtype.hasobject:
        raise DatasetInputError(f"{name} holds Python objects (pickled), which are never loaded here because "
                                "they could run code. Save plain numbers with numpy.save.")
    expected = int(np.prod(shape, dtype=object)) * dtype.itemsize
    if len(data) - stream.tell() != expected:
        raise DatasetInputError(f"{name} is cut short or damaged: its header promises {expected:,} bytes for "
                                f"shape {shape}, but it holds {len(data) - stream.tell():,}.")
    try:
        return np.load(io.BytesIO(data), allow_pickle=False)
    except ValueError:
        raise DatasetInputError(f"{name} holds Python objects (pickled), which are never loaded here.") from None


def as_grey(array: np.ndarray, name: str) -> tuple[np.ndarray, tuple[str, ...]]:
    """N x H x W, N x 1 x H x W, N x H x W x 1/3/4, N x 3 x H x W or N x 784 -> N x H x W float32 in [0, 1]."""
    if array.dtype.kind not in "biuf":
        raise DatasetInputError(f"{name} holds {array.dtype} values, not pixel numbers; images should be "
                                "whole numbers 0 to 255 or fractions 0 to 1.")
    notes: list[str] = []
    channels = None  # the axis of colour channels, if any
    if array.ndim == 2 and array.shape[1] == SIDE * SIDE:
        array = array.reshape(-1, SIDE, SIDE)  # flattened MNIST rows
        notes.append(f"Each row of {SIDE * SIDE} values was read as a {SIDE} × {SIDE} image.")
    elif array.ndim == 4 and array.shape[-1] in (1, 3, 4) and array.shape[1] not in (1, 3):
        channels, array = 3, array[..., : min(array.shape[-1], 3)]  # a fourth channel is alpha, not grey
    elif array.ndim == 4 and array.shape[1] in (1, 3):
        channels = 1
    size = array.shape if channels is None else tuple(n for axis, n in enumerate(array.shape) if axis != channels)
    if len(size) != 3:
        raise DatasetInputError(f"{name} has shape {array.shape}; images should be N x H x W, N x 1 x H x W, "
                                f"N x H x W x 3 (colour) or N x {SIDE * SIDE}.")
    _check_size(size, name)
    if channels is not None and array.shape[channels] > 1:
        notes.append(f"Colour channels were averaged to grey ({array.shape[channels]} channels).")
    full_scale = _full_scale(array, name, notes)
    grey = array.astype(np.float32) if channels is None else array.mean(axis=channels, dtype=np.float32)
    return grey / full_scale, tuple(notes)


def _check_size(size: tuple[int, ...], name: str) -> None:
    images, height, width = size
    if images == 0:
        raise DatasetInputError(f"{name} holds no images (shape {size}).")
    if images > MAX_IMAGES:
        raise DatasetInputError(f"{name} holds {images:,} images; at most {MAX_IMAGES:,} can be read. "
                                "Save a part of them.")
    if height < MIN_SIDE or width < MIN_SIDE:
        raise DatasetInputError(f"{name} holds images of {height} × {width} pixels, too small (at least "
                                f"{MIN_SIDE} × {MIN_SIDE}). Is it really N x H x W?")
    if images * height * width > MAX_TOTAL_PIXELS:
        raise DatasetInputError(f"{name} holds {images * height * width / 1e6:.0f} million pixels; at most "
                                f"{MAX_TOTAL_PIXELS // 1_000_000} million. Use smaller images or fewer.")


def _full_scale(array: np.ndarray, name: str, notes: list[str]) -> float:
    """What the values are divided by: 255 for 0-255 integers or floats, 65535 for 16-bit, 1 for 0-1 floats."""
    if array.dtype.kind == "f" and not np.isfinite(array).all():
        raise DatasetInputError(f"{name} holds NaN or infinite values; every pixel must be a number.")
    low, high = float(array.min()), float(array.max())
    if low < 0:
        raise DatasetInputError(f"{name} holds negative values (down to {low:g}); pixels should run from 0 to "
                                "255, or 0 to 1. Was it normalised? Save the images before normalising.")
    if array.dtype.kind == "b" or (array.dtype.kind == "f" and high <= 1.0):
        return 1.0
    if high <= 255:
        if array.dtype.kind == "f":
            notes.append(f"Values run up to {high:g}, so they were read as 0 to 255 and divided by 255.")
        return 255.0
    if array.dtype.kind in "ui" and high <= 65535:
        notes.append("Values run past 255, so they were read as 16-bit (0 to 65535).")
        return 65535.0
    raise DatasetInputError(f"{name} holds values up to {high:g}; pixels should run from 0 to 255, or 0 to 1.")
