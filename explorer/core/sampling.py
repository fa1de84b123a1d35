"""The one reverse-diffusion loop: any noise-predicting network, any scheduler, from noise down to x_0,
keeping a few frames to animate and reporting progress after every network call."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import torch

from explorer.core.schedulers import DDPMScheduler

Denoiser = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]  # (x_t: N x ..., t: N) -> predicted noise


@dataclass(frozen=True)
class SampleResult:
    samples: torch.Tensor  # N x ...: the final x_0
    frame_steps: list[int]  # the step t of each kept frame, noisiest first
    frames: torch.Tensor  # F x N x ...: x_t at those steps
    predicted: torch.Tensor  # F x N x ...: the network's guess of x_0 at those steps
    network_calls: int
    seconds: float


def frame_indices(count: int, keep: int) -> list[int]:
    """About `keep` evenly spread positions in 0..count-1, always with the last (the cleanest)."""
    if count <= keep:
        return list(range(count))
    if keep == 1:
        return [count - 1]
    return sorted({round(i * (count - 1) / (keep - 1)) for i in range(keep)})


@torch.inference_mode()
def sample(denoiser: Denoiser, scheduler: DDPMScheduler, shape: tuple[int, ...], *, seed: int = 0,
           keep_frames: int = 50, start: torch.Tensor | None = None, start_step: int | None = None,
           on_step: Callable[[int, int], None] | None = None) -> SampleResult:
    """Run the reverse process from pure noise (or from `start` noised to `start_step`) down to x_0.

    on_step(done, total) is called after every network call: a page draws progress from it.
    """
    generator = torch.Generator().manual_seed(seed)
    timesteps = [int(t) for t in scheduler.timesteps]
    if start is None:
        x = torch.randn(shape, generator=generator)
    else:
        if start_step is None or not 0 <= start_step < scheduler.num_train_timesteps:
            raise ValueError(f"start_step must be in 0..{scheduler.num_train_timesteps - 1}, got {start_step}")
        timesteps = [t for t in timesteps if t <= start_step]
        x = scheduler.add_noise(start, torch.randn(start.shape, generator=generator), timesteps[0])
    keep = set(frame_indices(len(timesteps), keep_frames))
    frames, predicted, frame_steps = [], [], []
    started = time.perf_counter()
    for i, t in enumerate(timesteps):
        eps = denoiser(x, torch.full((len(x),), t, dtype=torch.long))
        out = scheduler.step(eps, t, x, generator=generator)
        if i in keep:
            frame_steps.append(t)
            frames.append(x)
            predicted.append(out.pred_original_sample)
        x = out.prev_sample
        if on_step is not None:
            on_step(i + 1, len(timesteps))
    return SampleResult(samples=x, frame_steps=frame_steps, frames=torch.stack(frames),
                        predicted=torch.stack(predicted), network_calls=len(timesteps),
                        seconds=time.perf_counter() - started)
