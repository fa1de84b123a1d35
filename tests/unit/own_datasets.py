"""Small data set uploads (zips, npz, npy, IDX) built in memory by the tests of explorer.topics.own_dataset."""

from __future__ import annotations

import gzip
import io
import struct
import zipfile

import numpy as np
from PIL import Image

from tests.unit.bad_images import encode


def blobs(count: int, size: int = 28, seed: int = 0) -> np.ndarray:
    """count x size x size uint8 pictures: a bright square somewhere on black, different in each."""
    rng = np.random.default_rng(seed)
    pictures = np.zeros((count, size, size), dtype=np.uint8)
    side = size // 4
    for picture in pictures:
        top, left = rng.integers(0, size - side, size=2)
        picture[top : top + side, left : left + side] = 255
    return pictures


def png(pixels: np.ndarray) -> bytes:
    return encode(Image.fromarray(pixels))


def zip_of(files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def png_zip(pictures: np.ndarray, folders: list[str] | None = None) -> bytes:
    """A zip of one PNG per picture, in the given folder for each ("" or no folders: at the top)."""
    names = [f"{folders[i]}/{i}.png" if folders and folders[i] else f"{i}.png" for i in range(len(pictures))]
    return zip_of(dict(zip(names, map(png, pictures), strict=True)))


def npz_of(**arrays: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def npy_of(array: np.ndarray, allow_pickle: bool = False) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=allow_pickle)
    return buffer.getvalue()


def idx_of(array: np.ndarray) -> bytes:
    """MNIST's IDX layout: 0 0, a type byte (8 = unsigned byte), the number of dimensions, big-endian sizes."""
    return bytes([0, 0, 8, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape) + array.astype(">u1").tobytes()


def gz(data: bytes) -> bytes:
    return gzip.compress(data)


def with_declared_size(data: bytes, size: int) -> bytes:
    """A zip whose central directory claims every member unpacks to size bytes (the data is unchanged)."""
    patched = bytearray(data)
    at = patched.find(b"PK\x01\x02")
    while at != -1:
        patched[at + 24 : at + 28] = struct.pack("<I", size)  # the uncompressed size field
        at = patched.find(b"PK\x01\x02", at + 4)
    return bytes(patched)


def password_flagged(data: bytes) -> bytes:
    """A zip whose entries say they are encrypted (bit 0 of the general purpose flags)."""
    patched = bytearray(data)
    for signature, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = patched.find(signature)
        while at != -1:
            patched[at + flags] |= 0x01
            at = patched.find(signature, at + 4)
    return bytes(patched)
