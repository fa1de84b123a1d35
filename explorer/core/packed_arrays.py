"""Named arrays packed as one file for a browser to read (explorer/ui/latent_map/decoder_component/forward.js
unpacks it): a 4-byte little-endian header length, a JSON header {name: [shape, byte offset, "f2" or "f4"]}, then
every array's numbers, little-endian, one after another. float16 ("f2") halves float32's bytes and is the default;
an array that must stay exact enough is named in `full` and kept as float32 ("f4"): tests/unit/test_browser_decoder.py
measures what float16 would cost."""

from __future__ import annotations

import hashlib
import json
import struct

import numpy as np


def pack_arrays(arrays: dict[str, np.ndarray], full: frozenset[str] = frozenset()) -> bytes:
    header, parts, offset = {}, [], 0
    for name, array in arrays.items():
        kind = "f4" if name in full else "f2"
        parts.append(np.asarray(array, "<" + kind).tobytes())
        header[name] = [list(np.shape(array)), offset, kind]
        offset += len(parts[-1])
    text = json.dumps(header, separators=(",", ":")).encode()
    return struct.pack("<I", len(text)) + text + b"".join(parts)


def unpack_arrays(packed: bytes) -> dict[str, np.ndarray]:
    """The arrays of pack_arrays, as float32 (the inverse, for tests and checks)."""
    length = struct.unpack_from("<I", packed)[0]
    header = json.loads(packed[4:4 + length])
    return {name: np.frombuffer(packed, "<" + kind, count=int(np.prod(shape)), offset=4 + length + offset)
            .astype(np.float32).reshape(shape) for name, (shape, offset, kind) in header.items()}


def content_name(stem: str, packed: bytes) -> str:
    """A file name that changes whenever the content does, so that a browser may cache it for good."""
    return f"{stem}-{hashlib.sha256(packed).hexdigest()[:16]}.bin"
