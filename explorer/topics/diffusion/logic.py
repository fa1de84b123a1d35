"""The Diffusion page's logic: numpy in, numpy out, so that the page never touches torch.

Forward frames of q(x_t | x_0), reverse sampling in pixel space (U-Net) and in a VAE's latent
space (MLP), both through the one sampler of explorer.core.schedulers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

from explorer.core.sampling import SampleResult, frame_indices, sample
from explorer.core.schedulers import (
    DDIMScheduler,
    DDPMScheduler,
    T,
    make_betas,
    pixels_to_signal,
    signal_to_pixels,
)
from explorer.models import ConvVAE, LatentDenoiser, UNet

SAMPLERS = {"ddim": "DDIM (few steps, deterministic)", "ddpm": f"DDPM (all {T:,} steps, random)"}
SAMPLER_HELP = (
    f"DDPM (denoising diffusion probabilistic model, Ho et al. 2020): the original sampler. It takes all {T:,} "
    "steps and mixes a little fresh noise back in at each one, so every run draws different digits.\n\n"
    "DDIM (denoising diffusion implicit model, Song et al. 2021): uses the same trained network but jumps over "
    "steps and adds no fresh noise, so it needs far fewer steps and the same seed always gives the same digits."
)
SIGNAL_ALMOST_GONE = 0.1  # √ᾱ_t below this: less than a tenth of the digit is left in x_t
FORWARD_FRAMES = 50
REVERSE_FRAMES = 30  # 16 digits in two panels: 30 frames keep the figure near 1 MB
BATCH = 16  # digits per sampling run on the page
HISTOGRAM_BINS = np.linspace(-4, 4, 41)  # edges: N(0, 1) lies well inside


def make_scheduler(schedule: str, sampler: str, steps: int = 50, *, clip_sample: float | None = 1.0,
                   eta: float = 0.0) -> DDPMScheduler:
    betas = make_betas(schedule)
    if sampler == "ddpm":
        return DDPMScheduler(betas, clip_sample=clip_sample)
    if sampler == "ddim":
        return DDIMScheduler(betas, num_inference_steps=steps, eta=eta, clip_sample=clip_sample)
    raise ValueError(f"unknown sampler {sampler!r}; known: {', '.join(SAMPLERS)}")


@dataclass(frozen=True)
class ForwardFrames:
    steps: list[int]  # t of each frame; t = 0 is the image itself
    images: np.ndarray  # F x 28 x 28: x_t, in the [-1, 1] signal range (noise goes beyond it)
    signal_levels: np.ndarray  # T: sqrt(alpha-bar_t), the weight of x_0 in x_t
    noise_levels: np.ndarray  # T: sqrt(1 - alpha-bar_t), the weight of the noise
    histograms: np.ndarray  # F x bins: share of pixels per bin of HISTOGRAM_BINS
    bin_edges: np.ndarray


def forward_frames(image: np.ndarray, schedule: str, *, frames: int = FORWARD_FRAMES, seed: int = 0) -> ForwardFrames:
    """x_t of one 28 x 28 image at `frames` steps from 0 to T-1, all with the same noise draw.

    One noise draw for every frame shows a single trajectory fading, the way the formula says:
    x_t = sqrt(alpha-bar_t) x_0 + sqrt(1 - alpha-bar_t) eps.
    """
    scheduler = DDPMScheduler(make_betas(schedule))
    x0 = pixels_to_signal(torch.from_numpy(np.asarray(image, np.float32).reshape(1, 28, 28)))
    noise = torch.randn(x0.shape, generator=torch.Generator().manual_seed(seed))
    steps = frame_indices(T, frames)
    x_t = torch.stack([scheduler.add_noise(x0, noise, t)[0] for t in steps]).numpy()  # F x 28 x 28
    histograms = np.stack([np.histogram(np.clip(x, -4, 4), bins=HISTOGRAM_BINS)[0] / x.size for x in x_t])
    signal, noise_level = scheduler.signal_and_noise_levels()
    return ForwardFrames(steps=steps, images=x_t, signal_levels=signal.numpy(), noise_levels=noise_level.numpy(),
                         histograms=histograms, bin_edges=HISTOGRAM_BINS)


def fade_step(schedule: str, below: float = SIGNAL_ALMOST_GONE) -> int:
    """The first step t at which the share of the digit left in x_t, √ᾱ_t, drops below `below`."""
    signal, _ = DDPMScheduler(make_betas(schedule)).signal_and_noise_levels()
    return int((signal < below).nonzero()[0])


@dataclass(frozen=True)
class ReverseFrames:
    steps: list[int]  # t of each kept frame, noisiest first
    noisy: np.ndarray  # F x N x 28 x 28 pixels in [0, 1]: x_t (for latents: x_t decoded)
    predicted: np.ndarray  # F x N x 28 x 28 pixels in [0, 1]: the guess of x_0 at that step
    samples: np.ndarray  # N x 28 x 28 pixels in [0, 1]: the result
    network_calls: int
    seconds: float  # sampling only, without decoding the frames (where it was made)
    made_at_build: bool = False  # shipped with the app (explorer/topics/diffusion/shipped.py), not made here

    @property
    def ms_per_step(self) -> float:
        return 1000 * self.seconds / self.network_calls


ProgressCallback = Callable[[int, int], None]


def _pixels(x: torch.Tensor) -> np.ndarray:
    return signal_to_pixels(x).reshape(*x.shape[:-3], 28, 28).numpy()


def sample_pixels(unet: UNet, scheduler: DDPMScheduler, *, count: int = 16, seed: int = 0,
                  start_images: np.ndarray | None = None, start_step: int | None = None,
                  keep_frames: int = REVERSE_FRAMES, on_step: ProgressCallback | None = None) -> ReverseFrames:
    """Reverse diffusion in pixel space; with start_images, from those images noised to start_step."""
    start = None if start_images is None else pixels_to_signal(
        torch.from_numpy(np.asarray(start_images, np.float32).reshape(-1, 1, 28, 28)))
    shape = (count, 1, 28, 28) if start is None else tuple(start.shape)
    result = sample(unet, scheduler, shape, seed=seed, start=start, start_step=start_step,
                    keep_frames=keep_frames, on_step=on_step)
    return ReverseFrames(steps=result.frame_steps, noisy=_pixels(result.frames), predicted=_pixels(result.predicted),
                         samples=_pixels(result.samples), network_calls=result.network_calls, seconds=result.seconds)


@torch.inference_mode()
def _decode_codes(vae: ConvVAE, denoiser: LatentDenoiser, x: torch.Tensor) -> np.ndarray:
    """Standardised codes (... x k) -> decoded images (... x 28 x 28) in [0, 1]."""
    codes = denoiser.unstandardise(x.reshape(-1, x.shape[-1]))
    return vae.decode(codes).reshape(*x.shape[:-1], 28, 28).numpy()


def sample_latents(denoiser: LatentDenoiser, vae: ConvVAE, scheduler: DDPMScheduler, *, count: int = 16,
                   seed: int = 0, keep_frames: int = REVERSE_FRAMES,
                   on_step: ProgressCallback | None = None) -> ReverseFrames:
    """Reverse diffusion among the VAE's codes; every kept frame is decoded into pixels."""
    result: SampleResult = sample(denoiser, scheduler, (count, denoiser.config.latent_dim), seed=seed,
                                  keep_frames=keep_frames, on_step=on_step)
    return ReverseFrames(steps=result.frame_steps, noisy=_decode_codes(vae, denoiser, result.frames),
                         predicted=_decode_codes(vae, denoiser, result.predicted),
                         samples=_decode_codes(vae, denoiser, result.samples),
                         network_calls=result.network_calls, seconds=result.seconds)


@dataclass(frozen=True)
class PixelRun:
    """Everything that decides the page's samples in pixel space: the same settings give the same images."""
    sampler: str = "ddim"
    steps: int = 50  # DDIM's; DDPM takes all T
    seed: int = 0
    start_image: int | None = None  # a test digit noised to start_step, instead of pure static
    start_step: int | None = None
    count: int = BATCH


@dataclass(frozen=True)
class LatentRun:
    """Everything that decides the page's samples among the VAE's codes (always DDPM, all T steps)."""
    seed: int = 0
    count: int = BATCH


def sampling_steps(run: PixelRun) -> int:
    """How many network calls the pixel sampler makes for these settings: DDPM's T or DDIM's steps, only those
    at or below the starting step when it starts from a noised digit."""
    if run.sampler == "ddpm":
        return T if run.start_step is None else run.start_step + 1
    if run.start_step is None:
        return run.steps
    return min(run.steps, run.start_step // (T // run.steps) + 1)  # DDIM visits t = 0, s, 2s, ... with s = T // steps


def run_pixels(unet: UNet, schedule: str, run: PixelRun, test_images: np.ndarray, *,
               on_step: ProgressCallback | None = None) -> ReverseFrames:
    start_images = None if run.start_image is None else [test_images[run.start_image]] * run.count
    return sample_pixels(unet, make_scheduler(schedule, run.sampler, run.steps), count=run.count, seed=run.seed,
                         start_images=start_images, start_step=run.start_step, on_step=on_step)


def run_latents(denoiser: LatentDenoiser, vae: ConvVAE, schedule: str, run: LatentRun, *,
                on_step: ProgressCallback | None = None) -> ReverseFrames:
    return sample_latents(denoiser, vae, make_scheduler(schedule, "ddpm", clip_sample=None), count=run.count,
                          seed=run.seed, on_step=on_step)


# A fraction of a second each on 2 cores (a U-Net step 20 ms, an MLP step 0.3 ms when nothing else runs). Over 14
# fresh processes on a shared 2-core machine, the mean of the U-Net's first 5 steps after the warm-up was as close
# to a 50-step run's mean step as that of its first 10 (median error 6 % against 15 %): a step that another thread
# holds up moves either. The MLP's first step after the warm-up takes 5 times the others: its mean needs 100.
TIMED_STEPS = {"pixel": 5, "latent": 100}


@dataclass(frozen=True)
class StepTimes:
    """Milliseconds per sampling step of BATCH images, both networks timed on one machine at one moment."""
    pixel_ms: float
    latent_ms: float
    pixel_steps: int
    latent_steps: int


def time_steps(unet: UNet, denoiser: LatentDenoiser, vae: ConvVAE, schedule: str) -> StepTimes:
    """Time a short DDIM run of each network, each after one step to warm it up (the first call of a network
    in a process sets up its kernels). Timed apart from any samples: those may have been made elsewhere."""
    def pixel(steps: int) -> ReverseFrames:
        return sample_pixels(unet, make_scheduler(schedule, "ddim", steps), count=BATCH, keep_frames=1)

    def latent(steps: int) -> ReverseFrames:
        return sample_latents(denoiser, vae, make_scheduler(schedule, "ddim", steps, clip_sample=None),
                              count=BATCH, keep_frames=1)

    pixel(1)  # the warm-up steps
    latent(1)
    return StepTimes(pixel_ms=pixel(TIMED_STEPS["pixel"]).ms_per_step,
                     latent_ms=latent(TIMED_STEPS["latent"]).ms_per_step,
                     pixel_steps=TIMED_STEPS["pixel"], latent_steps=TIMED_STEPS["latent"])


@torch.inference_mode()
def vae_prior_samples(vae: ConvVAE, count: int, seed: int = 0) -> np.ndarray:
    """Plain VAE sampling, the baseline: decode codes drawn from N(0, I)."""
    z = torch.randn((count, vae.latent_dim), generator=torch.Generator().manual_seed(seed))
    return vae.decode(z).reshape(count, 28, 28).numpy()
