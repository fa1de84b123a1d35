"""Labels as the pages want them: int64 indices into a tuple of class names, from folder names or a label array."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from explorer.topics.own_dataset.limits import MAX_CLASSES, DatasetInputError, count


def from_names(names: Sequence[str]) -> tuple[np.ndarray, tuple[str, ...]]:
    """One class name per image (e.g. its folder) -> (indices, sorted class names)."""
    class_names, indices = np.unique(np.asarray(names, dtype=str), return_inverse=True)
    _check_classes(len(class_names))
    return indices.astype(np.int64), tuple(str(name) for name in class_names)


def from_array(values: np.ndarray, images: int, what: str) -> tuple[np.ndarray, tuple[str, ...]]:
    """A label array (numbers or short strings) -> (indices, class names), checked against the image count."""
    values = np.asarray(values)
    if values.ndim == 2 and 1 in values.shape:
        values = values.ravel()  # N x 1 or 1 x N: a column or row of labels
    if values.ndim != 1:
        raise DatasetInputError(f"The labels ({what}) have shape {values.shape}; they should be one label per "
                                f"image, a flat list of {images:,}.")
    if len(values) != images:
        raise DatasetInputError(f"There are {count(len(values), 'label')} ({what}) for "
                                f"{count(images, 'image')}: each image needs exactly one label.")
    if values.dtype.kind == "f":
        if not np.isfinite(values).all() or not np.array_equal(values, np.round(values)):
            raise DatasetInputError(f"The labels ({what}) hold fractions, NaN or infinity; "
                                    "they should be whole numbers or names.")
        values = values.astype(np.int64)
    if values.dtype.kind not in "biuUS":
        raise DatasetInputError(f"The labels ({what}) are {values.dtype} values; they should be whole numbers "
                                "or names.")
    classes, indices = np.unique(values, return_inverse=True)
    _check_classes(len(classes))
    names = [c.decode(errors="replace") if isinstance(c, bytes) else str(c) for c in classes.tolist()]
    return indices.astype(np.int64), tuple(names)


def _check_classes(classes: int) -> None:
    if classes > MAX_CLASSES:
        raise DatasetInputError(f"The labels name {classes:,} different classes; at most {MAX_CLASSES} can be "
                                "shown. Are they really class labels?")
