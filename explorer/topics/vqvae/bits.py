"""Bits per image: what each shipped code costs to write down, beside its test error, and what a lossless
8-bit PNG of the digit takes (measured by encoding the digits with Pillow)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image

from explorer.checkpoints.store import PretrainedStore
from explorer.core.images import to_uint8
from explorer.models.base import Autoencoder
from explorer.models.inference import decode, embed, per_image_mse

FLOAT_BITS = 32  # a float code counted as a 32-bit float per number
ROUNDED_BITS = 8  # the same codes with each number rounded to one of 2^8 levels
GROUP = "vqvae"


def rounded_code_error(model: Autoencoder, train_images: np.ndarray, test_images: np.ndarray,
                       bits: int = ROUNDED_BITS) -> float:
    """Test MSE of an autoencoder whose code numbers are each rounded to one of 2^bits evenly spaced levels
    between that number's smallest and largest value on the training digits: what a float code costs when
    written with `bits` bits a number."""
    low, high = (f(embed(model, train_images), axis=0) for f in (np.min, np.max))
    step = np.maximum(high - low, 1e-12) / (2**bits - 1)
    codes = embed(model, test_images)
    rounded = low + np.round((np.clip(codes, low, high) - low) / step) * step
    return float(per_image_mse(test_images, decode(model, rounded.astype(np.float32))).mean())


def png_bits(images: np.ndarray) -> np.ndarray:
    """The size in bits of each image saved as an 8-bit greyscale PNG file (Pillow, optimize=True): lossless,
    since the digits' pixels are 8-bit values."""
    sizes = []
    for image in np.asarray(images).reshape(-1, 28, 28):
        buffer = io.BytesIO()
        Image.fromarray(to_uint8(image), mode="L").save(buffer, format="PNG", optimize=True)
        sizes.append(8 * len(buffer.getvalue()))
    return np.array(sizes, dtype=np.int64)


@dataclass(frozen=True)
class BitsChart:
    """The points of the chart of test error against bits per image, all read from the manifest."""

    ae_bits: list[float]  # the Bottleneck page's autoencoders: k numbers of 32 bits
    ae_mse: list[float]
    ae_ks: list[int]
    rounded_bits: list[float]  # the same autoencoders with each code number rounded to 8 bits
    rounded_mse: list[float]
    pca_bits: list[float]
    pca_mse: list[float]
    vq_bits: float  # 49 tokens of log2(K) bits
    vq_mse: float
    prior_bits: float | None  # the same tokens written with the prior's probabilities (its test NLL)
    png_bits: float  # mean over the test digits; lossless
    png_median_bits: float
    codebook_size: int
    vq_epochs: int  # how long each model trained: one of the ways the VQ-VAE and the autoencoders differ
    ae_epochs: list[int]


def bits_chart(store: PretrainedStore) -> BitsChart:
    """Raises MissingGroupError when the manifest has no vqvae or bottleneck group."""
    vq = store.group(GROUP)
    bottleneck = store.group("bottleneck")
    ks = sorted(int(k) for k in bottleneck["ae_models"])
    metrics = vq["metrics"]
    return BitsChart(
        ae_bits=[FLOAT_BITS * k for k in ks],
        ae_mse=[store.model_info(bottleneck["ae_models"][str(k)])["metrics"]["test_mse"] for k in ks],
        ae_ks=ks,
        rounded_bits=[ROUNDED_BITS * k for k in ks if str(k) in vq.get("rounded_ae_mse", {})],
        rounded_mse=[vq["rounded_ae_mse"][str(k)] for k in ks if str(k) in vq.get("rounded_ae_mse", {})],
        pca_bits=[FLOAT_BITS * k for k in ks],
        pca_mse=[bottleneck["pca"]["metrics"][str(k)]["test_mse"] for k in ks],
        vq_bits=metrics["bits_per_image"],
        vq_mse=store.model_info(vq["model"])["metrics"]["test_mse"],
        prior_bits=vq.get("prior", {}).get("test_bits_per_image"),
        png_bits=metrics["png_bits_mean"],
        png_median_bits=metrics["png_bits_median"],
        codebook_size=store.model_info(vq["model"])["config"]["codebook_size"],
        vq_epochs=store.model_info(vq["model"])["train"]["epochs"],
        ae_epochs=[store.model_info(bottleneck["ae_models"][str(k)])["train"]["epochs"] for k in ks],
    )


def cheapest_at_least_as_good(ks: list[int], bits: list[float], mse: list[float], target: float
                               ) -> tuple[int, float, float] | None:
    """(k, bits, error) of the smallest k whose test error is at most `target`; None if none is."""
    for point in zip(ks, bits, mse, strict=True):
        if point[2] <= target:
            return point
    return None


def error_at(bits: list[float], mse: list[float], at: float) -> float | None:
    """A curve's error at `at` bits, read off the straight line between its points on the log-log chart; None
    outside its range."""
    if not bits or not bits[0] <= at <= bits[-1]:
        return None
    return float(np.exp(np.interp(np.log(at), np.log(bits), np.log(mse))))


def rounded_ks(chart: BitsChart) -> list[int]:
    return [round(bits / ROUNDED_BITS) for bits in chart.rounded_bits]
