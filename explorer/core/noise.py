"""Ways to corrupt digits, and PSNR, the usual score of how close a picture is to the clean one.

Every noise has one `level` in [0, 1] and is driven by one random draw per seed, so that raising
the level on the same seed only adds corruption: the picture a student sees changes smoothly.
"""

from __future__ import annotations

import numpy as np

NOISE_KINDS = {
    "gaussian": "Gaussian: every pixel plus random noise of standard deviation = level",
    "salt_pepper": "Salt and pepper: a fraction = level of the pixels turned fully white or black",
    "masking": "Masking: a fraction = level of the pixels blanked to black",
}
MAX_PSNR_DB = 60.0  # a perfect copy has infinite PSNR; capping keeps means and plots finite


def add_noise(images: np.ndarray, kind: str, level: float, *, seed: int = 0) -> np.ndarray:
    """N x 1 x 28 x 28 in [0, 1] -> corrupted copy in [0, 1], reproducible for a seed."""
    if kind not in NOISE_KINDS:
        raise ValueError(f"unknown noise {kind!r}; choose one of {sorted(NOISE_KINDS)}")
    if not 0.0 <= level <= 1.0:
        raise ValueError(f"the noise level must lie in [0, 1], not {level}")
    images = np.asarray(images, dtype=np.float32)
    rng = np.random.default_rng(seed)
    if kind == "gaussian":
        return np.clip(images + level * rng.standard_normal(images.shape, dtype=np.float32), 0.0, 1.0)
    hit = rng.random(images.shape) < level  # the same pixels stay hit as the level grows
    if kind == "masking":
        return np.where(hit, 0.0, images).astype(np.float32)
    salt = rng.random(images.shape) < 0.5
    return np.where(hit, salt.astype(np.float32), images).astype(np.float32)


def add_mixed_noise(images: np.ndarray, *, max_level: float, seed: int) -> np.ndarray:
    """Each image gets its own kind of noise at its own level in [0, max_level]: DAE training data."""
    rng = np.random.default_rng(seed)
    kinds = rng.integers(0, len(NOISE_KINDS), size=len(images))
    levels = rng.uniform(0.0, max_level, size=len(images))
    noisy = np.empty_like(np.asarray(images, dtype=np.float32))
    for i, (kind, level) in enumerate(zip(kinds, levels, strict=True)):
        noisy[i] = add_noise(images[i : i + 1], list(NOISE_KINDS)[kind], float(level), seed=seed + i + 1)[0]
    return noisy


def psnr(clean: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Peak signal-to-noise ratio in dB per image, for pixels in [0, 1]: 10 log10(1 / MSE)."""
    clean = np.asarray(clean, dtype=np.float64)
    diff = clean - np.asarray(other, dtype=np.float64)
    mse = (diff.reshape(len(diff), -1) ** 2).mean(axis=1)
    return np.minimum(10.0 * np.log10(1.0 / np.maximum(mse, 1e-12)), MAX_PSNR_DB)
