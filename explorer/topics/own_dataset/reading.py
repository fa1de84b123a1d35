"""A student's own small data set, read from one upload into MNIST-like images with optional labels.

Formats, recognised by their bytes rather than their names:
- a .zip of pictures (anything Pillow opens). Pictures in folders are labelled by their top folder (after
  dropping folders that every picture shares, such as the zip's own "mydata/"); pictures all loose at the
  top have no labels; a mix of both is refused, since which label the loose ones would get is a guess.
- an .npz (images named x, images, X, x_train ...; labels y, labels, Y, y_train ...) or an .npy of images.
- MNIST's IDX files: an images file (idx3-ubyte), raw or gzipped, uploaded alone has no labels; for labels,
  upload a .zip holding the images file and its labels file (idx1-ubyte), either of them gzipped or not.
Archives inside the zip are skipped and counted in their own note (see archive.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from explorer.core.digitize import DigitInputError, read_grey
from explorer.topics.own_dataset import labels as labelling
from explorer.topics.own_dataset.archive import Member, gunzip, skipped_notes, unzip
from explorer.topics.own_dataset.arrays import NPY_MAGIC, as_grey, is_idx, read_idx, read_npy
from explorer.topics.own_dataset.limits import (
    ACCEPTED_TYPES,
    MAX_IMAGE_PIXELS,
    MAX_IMAGES,
    MAX_TOTAL_PIXELS,
    MAX_UPLOAD_BYTES,
    MIN_IMAGES,
    PLACEMENTS,
    DatasetInputError,
    count,
    limits_text,
)
from explorer.topics.own_dataset.prepare import prepare

__all__ = ["ACCEPTED_TYPES", "MAX_IMAGES", "MAX_UPLOAD_BYTES", "MIN_IMAGES", "PLACEMENTS", "DatasetInputError",
           "OwnDataset", "limits_text", "read_dataset"]
IMAGE_KEYS = ("x", "images", "X", "x_train", "image", "imgs", "data", "arr_0")  # first found is used
LABEL_KEYS = ("y", "labels", "Y", "y_train", "label", "targets", "arr_1")


@dataclass(frozen=True)
class OwnDataset:
    images: np.ndarray  # N x 1 x 28 x 28 float32 in [0, 1]
    labels: np.ndarray | None  # N int64 indices into class_names, or None
    class_names: tuple[str, ...]  # () when there are no labels
    notes: tuple[str, ...]  # what was skipped, resized, converted, for the student
    source: str  # e.g. "a zip of 512 images in 4 class folders"


@dataclass(frozen=True)
class _Loaded:
    greys: list[np.ndarray] | np.ndarray  # H x W grey pictures in [0, 1]
    labels: np.ndarray | None
    class_names: tuple[str, ...]
    notes: tuple[str, ...]
    source: str


def read_dataset(filename: str, data: bytes, placement: str = "centre") -> OwnDataset:
    """An uploaded file's name and bytes -> OwnDataset, or DatasetInputError saying what is wrong."""
    if placement not in PLACEMENTS:
        raise ValueError(f"placement must be one of {sorted(PLACEMENTS)}, not {placement!r}")
    if not data:
        raise DatasetInputError("The file is empty (0 bytes).")
    if len(data) > MAX_UPLOAD_BYTES:
        raise DatasetInputError(f"The file is {len(data) / 2**20:.1f} MB; the limit is "
                                f"{MAX_UPLOAD_BYTES // 2**20} MB. Upload fewer or smaller images.")
    loaded = _load(filename, data)
    prepared = prepare(loaded.greys, placement)
    if len(prepared.images) < MIN_IMAGES:
        raise DatasetInputError(f"Found {count(len(prepared.images), 'usable image')}; at least {MIN_IMAGES} "
                                f"are needed." + "".join(f" {note}" for note in loaded.notes + prepared.notes))
    labels = None if loaded.labels is None else loaded.labels[prepared.kept]
    return OwnDataset(prepared.images, labels, loaded.class_names, loaded.notes + prepared.notes, loaded.source)


def _load(filename: str, data: bytes) -> _Loaded:
    if data[:2] == b"\x1f\x8b":
        inner, name = gunzip(data), filename.removesuffix(".gz")
        if is_idx(inner) or inner.startswith(NPY_MAGIC):
            return _load(name, inner)
        raise DatasetInputError("The .gz file holds neither an IDX file nor an .npy array; other archives are "
                                "not read (a .tar.gz of pictures can be zipped instead).")
    if data.startswith(b"PK"):
        return _from_zip(filename, data)
    if data.startswith(NPY_MAGIC):
        return _from_arrays(read_npy(data, filename), None, filename, "an .npy array")
    if is_idx(data):
        return _from_arrays(read_idx(data, filename), None, filename, "an IDX file")
    raise DatasetInputError(f"{filename} is not a data set that can be read. Upload a .zip of pictures, an .npz "
                            "or .npy array, or MNIST's IDX files.")


def _from_zip(filename: str, data: bytes) -> _Loaded:
    found = unzip(data)
    skipped = skipped_notes(found)
    if found.idx:
        beside = (f"Skipped {count(len(found.images), 'picture')} beside the IDX files.",) if found.images else ()
        return _from_idx(found.idx, skipped + beside)
    if found.arrays and not found.images:
        return _from_npz(found.arrays, filename)
    if not found.images:
        what = "archives inside it, which are not opened" if found.archives else "no pictures"
        raise DatasetInputError(f"The zip holds {what}." + "".join(f" {note}" for note in skipped))
    greys, paths, unreadable, said, pixels = [], [], [], Counter(), 0
    for member in found.images:
        try:
            grey, picture_notes = read_grey(member.data, max_pixels=MAX_IMAGE_PIXELS)
        except DigitInputError as error:
            unreadable.append(f"{'/'.join(member.path)}: {error}")
            continue
        except Exception as error:  # Pillow's decoders can fail on hostile bytes in undocumented ways
            unreadable.append(f"{'/'.join(member.path)}: damaged ({type(error).__name__})")
            continue
        said.update(picture_notes)
        pixels += grey.size
        if pixels > MAX_TOTAL_PIXELS:
            raise DatasetInputError(f"The pictures hold more than {MAX_TOTAL_PIXELS // 1_000_000} million pixels "
                                    "in all; shrink them (28 × 28 is enough) or zip fewer.")
        greys.append(grey.astype(np.float32))  # held until all are read: half the memory of float64
        paths.append(member.path)
    if unreadable:
        skipped += (f"Skipped {count(len(unreadable), 'file')} that could not be read as pictures "
                    f"(e.g. {unreadable[0]}).",)
    skipped += tuple(f"{count(times, 'picture')}: {note}" for note, times in said.items())
    labels, class_names, source = _folder_labels(paths)
    return _Loaded(greys, labels, class_names, skipped, source)


def _folder_labels(paths: list[tuple[str, ...]]) -> tuple[np.ndarray | None, tuple[str, ...], str]:
    """Top folder names as labels, after dropping the folders every picture shares."""
    shared = 0
    while paths and all(len(p) > shared + 1 and p[shared] == paths[0][shared] for p in paths):
        shared += 1
    paths = [p[shared:] for p in paths]
    loose = [p for p in paths if len(p) == 1]
    if len(loose) == len(paths):
        return None, (), f"a zip of {count(len(paths), 'image')}"
    if loose:
        raise DatasetInputError(f"{count(len(paths) - len(loose), 'picture')} are in class folders but "
                                f"{len(loose):,} are loose beside the folders (e.g. {loose[0][0]}). Put every "
                                "picture in a folder named after its class, or none in folders.")
    labels, class_names = labelling.from_names([p[0] for p in paths])
    return labels, class_names, (f"a zip of {count(len(paths), 'image')} in "
                                 f"{count(len(class_names), 'class folder')}")


def _from_npz(arrays: list[Member], filename: str) -> _Loaded:
    named = {member.path[-1].removesuffix(".npy"): member for member in arrays}
    image_key = next((key for key in IMAGE_KEYS if key in named), None)
    if image_key is None:
        if len(named) != 1:
            raise DatasetInputError(f"{filename} holds arrays named {', '.join(sorted(named))}; name the images "
                                    f"one of {', '.join(IMAGE_KEYS[:4])} (and labels y or labels).")
        image_key = next(iter(named))
    label_key = next((key for key in LABEL_KEYS if key in named and key != image_key), None)
    images = read_npy(named[image_key].data, f"{filename}['{image_key}']")
    labels = None if label_key is None else read_npy(named[label_key].data, f"{filename}['{label_key}']")
    unused = sorted(set(named) - {image_key, label_key})
    notes = (f"Arrays not used: {', '.join(unused)}.",) if unused else ()
    loaded = _from_arrays(images, labels, f"{filename}['{image_key}']", "an .npz array")
    return _Loaded(loaded.greys, loaded.labels, loaded.class_names, notes + loaded.notes, loaded.source)


def _from_idx(members: list[Member], skipped: tuple[str, ...]) -> _Loaded:
    arrays = [(read_idx(member.data, "/".join(member.path)), "/".join(member.path)) for member in members]
    images = [(array, name) for array, name in arrays if array.ndim >= 2]
    labels = [(array, name) for array, name in arrays if array.ndim == 1]
    if len(images) != 1 or len(labels) > 1:
        raise DatasetInputError(f"The zip holds {count(len(images), 'images IDX file')} and "
                                f"{count(len(labels), 'labels IDX file')}; zip exactly one images file "
                                "(idx3-ubyte) and at most one labels file (idx1-ubyte), e.g. MNIST's train pair.")
    (image_array, image_name), = images
    label_array, label_name = labels[0] if labels else (None, "")
    loaded = _from_arrays(image_array, label_array, image_name, "IDX files")
    return _Loaded(loaded.greys, loaded.labels, loaded.class_names, skipped + loaded.notes, loaded.source)


def _from_arrays(images: np.ndarray, labels: np.ndarray | None, name: str, kind: str) -> _Loaded:
    greys, notes = as_grey(images, name)
    source = f"{kind} of {count(len(greys), 'image')}"
    label_indices, class_names = None, ()
    if labels is not None:
        label_indices, class_names = labelling.from_array(labels, len(greys), name)
        source += f" in {count(len(class_names), 'class', 'classes')}"
    return _Loaded(greys, label_indices, class_names, notes, source)
