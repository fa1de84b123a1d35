"""Zip and gzip uploads unpacked without trusting them: entry counts, names and unpacked sizes are checked
before and while reading, never taken from the archive's own claims.

Inside a zip: pictures are read; MNIST IDX files (gzipped or not) are read; other archives (zip, tar, gz,
npz ...) are not opened but skipped and counted in their own note; anything else (readme.txt, .DS_Store,
__MACOSX/) is skipped and counted.
"""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from PIL import Image

from explorer.topics.own_dataset.limits import (
    MAX_ENTRIES,
    MAX_IMAGES,
    MAX_UNPACKED_BYTES,
    DatasetInputError,
    are,
    count,
)

IMAGE_SUFFIXES = frozenset(Image.registered_extensions())  # every suffix Pillow can open: .png, .jpg, .gif ...
ARCHIVE_SUFFIXES = frozenset({".zip", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".npz"})
JUNK = ("__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini")  # what operating systems add to a zip
BROKEN = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, ValueError, zlib.error)


@dataclass(frozen=True)
class Member:
    path: tuple[str, ...]  # folders then file name, e.g. ("cats", "a.png")
    data: bytes


@dataclass
class Unzipped:
    images: list[Member] = field(default_factory=list)
    idx: list[Member] = field(default_factory=list)  # MNIST IDX files, already gunzipped
    arrays: list[Member] = field(default_factory=list)  # .npy files: an .npz is a zip of them
    archives: list[str] = field(default_factory=list)  # names of archives inside, not opened
    others: list[str] = field(default_factory=list)  # names of files that are neither
    damaged: list[str] = field(default_factory=list)  # members whose bytes could not be unpacked


def is_idx_name(name: str) -> bool:
    """MNIST's names: train-images-idx3-ubyte(.gz), t10k-labels-idx1-ubyte ..."""
    return name.lower().removesuffix(".gz").endswith(("ubyte", ".idx", ".idx1", ".idx3"))


def unzip(data: bytes) -> Unzipped:
    """A zip's pictures and IDX files, in name order, read within MAX_UNPACKED_BYTES in all."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except BROKEN:
        raise DatasetInputError("This .zip file is damaged or not really a zip, so it cannot be opened.") from None
    if len(entries) > MAX_ENTRIES:
        raise DatasetInputError(f"The zip holds {len(entries):,} entries; at most {MAX_IMAGES:,} images "
                                f"({MAX_ENTRIES:,} entries with folders and other files) can be read.")
    files = sorted((entry for entry in entries if not entry.is_dir()), key=lambda entry: entry.filename)
    if not files:
        raise DatasetInputError("The zip is empty: it holds no files.")
    for entry in files:
        _check_name(entry.filename)
    found = Unzipped()
    wanted = []
    for entry in files:
        parts = PurePosixPath(entry.filename).parts
        suffix = PurePosixPath(entry.filename).suffix.lower()
        if any(part in JUNK or part.startswith("._") for part in parts):
            found.others.append(entry.filename)
        elif is_idx_name(parts[-1]):
            wanted.append((entry, found.idx))
        elif suffix == ".npy":
            wanted.append((entry, found.arrays))
        elif suffix in ARCHIVE_SUFFIXES:
            found.archives.append(entry.filename)
        elif suffix in IMAGE_SUFFIXES:
            wanted.append((entry, found.images))
        else:
            found.others.append(entry.filename)
    images = sum(1 for _, into in wanted if into is found.images)
    if images > MAX_IMAGES:
        raise DatasetInputError(f"The zip holds {images:,} pictures; at most {MAX_IMAGES:,} can be read. "
                                "Zip a part of them.")
    if any(entry.flag_bits & 0x1 for entry, _ in wanted):
        raise DatasetInputError("The zip is password-protected; zip the pictures again without a password.")
    if sum(entry.file_size for entry, _ in wanted) > MAX_UNPACKED_BYTES:
        raise _too_much()  # the declared sizes may lie low, never high: refuse at once when they are high
    budget = MAX_UNPACKED_BYTES
    for entry, into in wanted:
        try:
            with archive.open(entry) as member:
                blob = member.read(budget + 1)  # bounded: a bomb stops here, whatever its header claims
        except BROKEN:
            found.damaged.append(entry.filename)
            continue
        if len(blob) > budget:
            raise _too_much()
        budget -= len(blob)
        if into is found.idx and entry.filename.lower().endswith(".gz"):
            blob = gunzip(blob, budget)
            budget -= len(blob)
        into.append(Member(PurePosixPath(entry.filename).parts, blob))
    return found


def gunzip(data: bytes, budget: int = MAX_UNPACKED_BYTES) -> bytes:
    """A gzip's content, refused past budget bytes."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacking:
            blob = unpacking.read(budget + 1)
    except BROKEN:
        raise DatasetInputError("The .gz file is damaged or cut short, so it cannot be unpacked.") from None
    if len(blob) > budget:
        raise _too_much()
    return blob


def _check_name(name: str) -> None:
    """Refuse names that would point outside the archive's own folder (no file is written, but such a zip is
    hostile or broken, and the student should know why it is refused)."""
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":"):
        raise DatasetInputError(f"The zip holds a file named '{name}', which points outside the zip's own "
                                "folder. Such a zip is refused; zip the pictures again from their folder.")


def _too_much() -> DatasetInputError:
    return DatasetInputError(f"The archive unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB, far more than "
                             "a small data set needs; it may be a zip bomb. Upload fewer or smaller files.")


def skipped_notes(found: Unzipped) -> tuple[str, ...]:
    """What the zip held that is not used, for the student."""
    notes = []
    others = found.others + ["/".join(member.path) for member in found.arrays]  # arrays beside pictures
    if others:
        notes.append(f"Skipped {count(len(others), 'file')} that {are(len(others))} not images (e.g. {others[0]}).")
    if found.archives:
        notes.append(f"Skipped {count(len(found.archives), 'archive')} inside the zip (e.g. {found.archives[0]}): "
                     "archives inside archives are not opened; unpack them and zip the pictures themselves.")
    if found.damaged:
        notes.append(f"Skipped {count(len(found.damaged), 'file')} that could not be unpacked "
                     f"(e.g. {found.damaged[0]}).")
    return tuple(notes)
