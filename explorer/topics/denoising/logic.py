"""The Denoising page's logic: corrupt test digits, clean them with a plain AE and a denoising AE."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.core.noise import NOISE_KINDS, add_noise, psnr
from explorer.models.base import Autoencoder
from explorer.models.inference import reconstruct

NOISE_SEED = 0  # one fixed draw: moving the level shows more of the same noise, not new noise


@dataclass(frozen=True)
class Denoised:
    """Clean images, their noisy copies, and what each autoencoder makes of the noisy ones."""

    clean: np.ndarray  # n x 1 x 28 x 28
    noisy: np.ndarray
    plain: np.ndarray  # the plain AE, trained on clean inputs
    denoising: np.ndarray  # the DAE, trained on noisy inputs with clean targets
    noisy_psnr: np.ndarray  # n, in dB against `clean`
    plain_psnr: np.ndarray
    denoising_psnr: np.ndarray


def denoise(plain: Autoencoder, dae: Autoencoder, clean: np.ndarray, kind: str, level: float,
            *, seed: int = NOISE_SEED) -> Denoised:
    noisy = add_noise(clean, kind, level, seed=seed)
    plain_out = reconstruct(plain, noisy)
    dae_out = reconstruct(dae, noisy)
    return Denoised(clean=clean, noisy=noisy, plain=plain_out, denoising=dae_out,
                    noisy_psnr=psnr(clean, noisy), plain_psnr=psnr(clean, plain_out),
                    denoising_psnr=psnr(clean, dae_out))


def denoise_every_setting(plain: Autoencoder, dae: Autoencoder, clean: np.ndarray, levels: list[float],
                          *, seed: int = NOISE_SEED) -> dict[tuple[str, float], Denoised]:
    """denoise() for every noise kind and level at once, one batched pass per model: the page
    computes this once, and a level change then only looks its answer up."""
    settings = [(kind, level) for kind in NOISE_KINDS for level in levels]
    noisy = np.concatenate([add_noise(clean, kind, level, seed=seed) for kind, level in settings])
    plain_out, dae_out = reconstruct(plain, noisy), reconstruct(dae, noisy)
    results = {}
    for i, setting in enumerate(settings):
        part = slice(i * len(clean), (i + 1) * len(clean))
        results[setting] = Denoised(clean=clean, noisy=noisy[part], plain=plain_out[part], denoising=dae_out[part],
                                    noisy_psnr=psnr(clean, noisy[part]), plain_psnr=psnr(clean, plain_out[part]),
                                    denoising_psnr=psnr(clean, dae_out[part]))
    return results


def join(first: Denoised, second: Denoised) -> Denoised:
    """Two sets of results side by side (the shipped test digits, then the student's own)."""
    return Denoised(*(np.concatenate([a, b]) for a, b in zip(vars(first).values(), vars(second).values(),
                                                                strict=True)))


@dataclass(frozen=True)
class PsnrCurves:
    """Mean test PSNR against noise level, per noise kind: what the page plots (precomputed)."""

    levels: list[float]
    noisy: dict[str, list[float]]  # kind -> one mean PSNR per level
    plain: dict[str, list[float]]
    denoising: dict[str, list[float]]

    def to_json(self) -> dict:
        return {"levels": self.levels, "noisy": self.noisy, "plain": self.plain, "denoising": self.denoising}

    @classmethod
    def from_json(cls, values: dict) -> PsnrCurves:
        return cls(levels=[float(v) for v in values["levels"]], noisy=values["noisy"], plain=values["plain"],
                   denoising=values["denoising"])


def psnr_curves(plain: Autoencoder, dae: Autoencoder, clean: np.ndarray, levels: list[float]) -> PsnrCurves:
    curves: dict[str, dict[str, list[float]]] = {"noisy": {}, "plain": {}, "denoising": {}}
    for kind in NOISE_KINDS:
        for name in curves:
            curves[name][kind] = []
        for level in levels:
            result = denoise(plain, dae, clean, kind, level)
            curves["noisy"][kind].append(round(float(result.noisy_psnr.mean()), 3))
            curves["plain"][kind].append(round(float(result.plain_psnr.mean()), 3))
            curves["denoising"][kind].append(round(float(result.denoising_psnr.mean()), 3))
    return PsnrCurves(levels=list(levels), **curves)


def background_brightness(clean: np.ndarray, images: np.ndarray, *, dark: float = 0.05) -> float:
    """Mean brightness of `images` where the clean digits are black (below `dark`): how much ink a noise,
    or a model's output, puts on the background."""
    return float(np.asarray(images)[np.asarray(clean) < dark].mean())
