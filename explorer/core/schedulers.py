"""Noise schedules, the forward process q(x_t | x_0), and DDPM / DDIM reverse steps.

Schedules are pure functions; the schedulers follow diffusers' shape (`add_noise`, `step`,
`timesteps`) and hold no network, so a pixel U-Net and a latent MLP share one sampler
(explorer.core.sampling). Every network here predicts the noise eps that was mixed into x_t.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

T = 1000  # diffusion steps, as in the DDPM paper
SCHEDULES = ("linear", "cosine")


def linear_betas(steps: int = T, *, start: float = 1e-4, end: float = 0.02) -> torch.Tensor:
    """The DDPM paper's schedule: the noise added per step grows linearly."""
    return torch.linspace(start, end, steps, dtype=torch.float64)


def cosine_betas(steps: int = T, *, offset: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    """Nichol & Dhariwal's schedule: alpha-bar follows a cosine, so the signal fades more evenly."""
    s = torch.arange(steps + 1, dtype=torch.float64) / steps
    alpha_bar = torch.cos((s + offset) / (1 + offset) * math.pi / 2) ** 2
    return (1 - alpha_bar[1:] / alpha_bar[:-1]).clamp(max=max_beta)


def make_betas(schedule: str, steps: int = T) -> torch.Tensor:
    if schedule == "linear":
        return linear_betas(steps)
    if schedule == "cosine":
        return cosine_betas(steps)
    raise ValueError(f"unknown noise schedule {schedule!r}; known: {', '.join(SCHEDULES)}")


def pixels_to_signal(images: torch.Tensor) -> torch.Tensor:
    """Pixels in [0, 1] -> [-1, 1], the range pixel diffusion works in (centred like the noise)."""
    return images * 2 - 1


def signal_to_pixels(x: torch.Tensor) -> torch.Tensor:
    return ((x + 1) / 2).clamp(0, 1)


def static_pixels(count: int, seed: int = 0) -> np.ndarray:
    """Pure static as the reverse process starts from it, shown as pixels: count x 28 x 28 in [0, 1]."""
    noise = torch.randn((count, 1, 28, 28), generator=torch.Generator().manual_seed(seed))
    return signal_to_pixels(noise).reshape(count, 28, 28).numpy()


@dataclass(frozen=True)
class StepOutput:
    prev_sample: torch.Tensor  # x_{t_prev}
    pred_original_sample: torch.Tensor  # the network's current guess of x_0


class DDPMScheduler:
    """Ancestral sampling through all T steps (Ho et al., 2020), with the posterior as its step."""

    def __init__(self, betas: torch.Tensor, *, clip_sample: float | None = 1.0):
        self.betas = betas.to(torch.float64)
        self.alphas = 1 - self.betas
        self.alphas_cumprod = torch.cumprod(self.alphas, dim=0)  # alpha-bar_t
        self.num_train_timesteps = len(betas)
        self.clip_sample = clip_sample  # pixels live in [-1, 1]; latents are not clipped (None)
        self.timesteps = torch.arange(self.num_train_timesteps - 1, -1, -1)
        # Python floats for the per-step coefficients: a sampler takes up to 1,000 steps, and
        # indexing small tensors costs more than the arithmetic itself.
        self._alpha_bar = self.alphas_cumprod.tolist()
        self._beta = self.betas.tolist()

    def signal_and_noise_levels(self) -> tuple[torch.Tensor, torch.Tensor]:
        """sqrt(alpha-bar_t) and sqrt(1 - alpha-bar_t): how much x_0 and noise are in x_t."""
        return self.alphas_cumprod.sqrt(), (1 - self.alphas_cumprod).sqrt()

    def add_noise(self, x0: torch.Tensor, noise: torch.Tensor, t: int | torch.Tensor) -> torch.Tensor:
        """A sample of q(x_t | x_0) = N(sqrt(alpha-bar_t) x_0, (1 - alpha-bar_t) I), in one jump.

        t is one step for the whole batch, or one step per image (a tensor of N steps).
        """
        alpha_bar = self.alphas_cumprod[torch.as_tensor(t)].to(torch.float32)
        alpha_bar = alpha_bar.reshape(alpha_bar.shape + (1,) * (x0.dim() - alpha_bar.dim()))  # broadcasts over x0
        return alpha_bar.sqrt() * x0 + (1 - alpha_bar).sqrt() * noise

    def predict_original(self, eps: torch.Tensor, t: int, x_t: torch.Tensor) -> torch.Tensor:
        """x_0 from x_t and the predicted noise: the forward formula solved for x_0."""
        alpha_bar = self._alpha_bar[t]
        x0 = (x_t - math.sqrt(1 - alpha_bar) * eps) / math.sqrt(alpha_bar)
        return x0 if self.clip_sample is None else x0.clamp(-self.clip_sample, self.clip_sample)

    def posterior_mean_variance(self, x0: torch.Tensor, x_t: torch.Tensor, t: int) -> tuple[torch.Tensor, float]:
        """Mean and variance of q(x_{t-1} | x_t, x_0), the Gaussian each reverse step imitates."""
        alpha_bar = self._alpha_bar[t]
        alpha_bar_prev = self._alpha_bar[t - 1] if t > 0 else 1.0
        beta = self._beta[t]
        mean = (math.sqrt(alpha_bar_prev) * beta / (1 - alpha_bar)) * x0 + (
            math.sqrt(1 - beta) * (1 - alpha_bar_prev) / (1 - alpha_bar)) * x_t
        return mean, (1 - alpha_bar_prev) / (1 - alpha_bar) * beta

    def step(self, model_output: torch.Tensor, t: int, x_t: torch.Tensor, *,
             generator: torch.Generator | None = None) -> StepOutput:
        x0 = self.predict_original(model_output, t, x_t)
        mean, variance = self.posterior_mean_variance(x0, x_t, t)
        if t == 0:
            return StepOutput(mean, x0)
        noise = torch.randn(x_t.shape, generator=generator, device=x_t.device)
        return StepOutput(mean + math.sqrt(variance) * noise, x0)


class DDIMScheduler(DDPMScheduler):
    """Song et al.'s sampler: strides over a subset of the T steps; eta = 0 makes it deterministic."""

    def __init__(self, betas: torch.Tensor, *, num_inference_steps: int = 50, eta: float = 0.0,
                 clip_sample: float | None = 1.0):
        super().__init__(betas, clip_sample=clip_sample)
        if not 1 <= num_inference_steps <= self.num_train_timesteps:
            raise ValueError(f"DDIM needs between 1 and {self.num_train_timesteps} steps, got {num_inference_steps}")
        if eta < 0:
            raise ValueError(f"eta must be at least 0, got {eta}")
        self.eta = eta
        stride = self.num_train_timesteps // num_inference_steps
        self.timesteps = torch.arange(num_inference_steps - 1, -1, -1) * stride  # t = (n-1)s, ..., s, 0
        self._previous = {int(t): int(t) - stride for t in self.timesteps}

    def step(self, model_output: torch.Tensor, t: int, x_t: torch.Tensor, *,
             generator: torch.Generator | None = None) -> StepOutput:
        x0 = self.predict_original(model_output, t, x_t)
        prev = self._previous[int(t)]
        alpha_bar = self._alpha_bar[t]
        alpha_bar_prev = self._alpha_bar[prev] if prev >= 0 else 1.0
        sigma = self.eta * math.sqrt((1 - alpha_bar_prev) / (1 - alpha_bar) * (1 - alpha_bar / alpha_bar_prev))
        # the noise direction is re-derived from the clipped x0, so the step stays consistent with it
        eps = (x_t - math.sqrt(alpha_bar) * x0) / math.sqrt(1 - alpha_bar)
        prev_sample = math.sqrt(alpha_bar_prev) * x0 + math.sqrt(max(1 - alpha_bar_prev - sigma**2, 0.0)) * eps
        if sigma > 0:
            prev_sample = prev_sample + sigma * torch.randn(x_t.shape, generator=generator, device=x_t.device)
        return StepOutput(prev_sample, x0)
