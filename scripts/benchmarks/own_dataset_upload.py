"""A student's own data set: time for read_dataset to turn a 5,000-picture zip of 28 x 28 PNGs (the bundled
MNIST, in one folder per digit) into images and labels, for each placement; target 3 s."""

from __future__ import annotations

import io
import time
import zipfile

import numpy as np

from scripts.benchmarks.stats import median

PICTURES = 5_000
TARGET_SECONDS = 3.0


def mnist_zip() -> bytes:
    """The bundled MNIST as PNGs in digit folders, zipped as a student would upload it."""
    from PIL import Image

    from explorer.core.data import load_bundled_mnist

    data = load_bundled_mnist()
    images = np.concatenate([data.train_images, data.test_images])[:PICTURES, 0]
    labels = np.concatenate([data.train_labels, data.test_labels])[:PICTURES]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, (image, label) in enumerate(zip(images, labels, strict=True)):
            png = io.BytesIO()
            Image.fromarray(np.round(image * 255).astype(np.uint8)).save(png, "PNG")
            archive.writestr(f"digits/{label}/{i}.png", png.getvalue())
    return buffer.getvalue()


def run(runs: int) -> dict:
    from explorer.topics.own_dataset.reading import PLACEMENTS, read_dataset

    upload = mnist_zip()
    results = {"pictures": PICTURES, "zip_bytes": len(upload), "target_under_s": TARGET_SECONDS}
    for placement in PLACEMENTS:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            read_dataset("digits.zip", upload, placement)
            times.append(time.perf_counter() - started)
        results[f"{placement}_median_s"] = median(times)
    return results
