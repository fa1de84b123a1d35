"""Schedules, the forward process, the DDPM posterior and the DDIM step against their formulas."""

import math

import numpy as np
import pytest
import torch

from explorer.core.sampling import frame_indices, sample
from explorer.core.schedulers import (
    DDIMScheduler,
    DDPMScheduler,
    T,
    cosine_betas,
    linear_betas,
    make_betas,
)


def test_linear_schedule_runs_from_start_to_end():
    betas = linear_betas()
    assert len(betas) == T
    assert betas[0].item() == pytest.approx(1e-4) and betas[-1].item() == pytest.approx(0.02)
    assert torch.all(betas[1:] > betas[:-1])


def test_cosine_schedule_follows_its_alpha_bar():
    alpha_bar = torch.cumprod(1 - cosine_betas(), dim=0)
    for t in (0, 250, 500, 750):
        s = 0.008
        expected = math.cos((((t + 1) / T) + s) / (1 + s) * math.pi / 2) ** 2 / math.cos(s / (1 + s) * math.pi / 2) ** 2
        assert alpha_bar[t].item() == pytest.approx(expected, rel=1e-9)
    assert torch.all((cosine_betas() > 0) & (cosine_betas() <= 0.999))


def test_an_unknown_schedule_is_refused():
    with pytest.raises(ValueError, match="unknown noise schedule 'quadratic'"):
        make_betas("quadratic")


@pytest.mark.parametrize("schedule", ["linear", "cosine"])
def test_add_noise_is_the_closed_form_of_q_xt_given_x0(schedule):
    scheduler = DDPMScheduler(make_betas(schedule))
    x0 = torch.linspace(-1, 1, 784).reshape(1, 1, 28, 28)
    noise = torch.randn(1, 1, 28, 28, generator=torch.Generator().manual_seed(0))
    for t in (0, 10, 400, 999):
        alpha_bar = torch.prod(1 - make_betas(schedule)[: t + 1]).item()  # product of the per-step keeps
        expected = math.sqrt(alpha_bar) * x0 + math.sqrt(1 - alpha_bar) * noise
        torch.testing.assert_close(scheduler.add_noise(x0, noise, t), expected, rtol=1e-4, atol=1e-5)  # float32
    # and as a distribution: many draws at t = 300 have the closed form's mean and variance
    draws = scheduler.add_noise(x0.expand(4000, -1, -1, -1), torch.randn(4000, 1, 28, 28), 300)
    alpha_bar = scheduler.alphas_cumprod[300].item()
    torch.testing.assert_close(draws.mean(dim=0), math.sqrt(alpha_bar) * x0[0], atol=0.06, rtol=0)
    assert draws.var(dim=0).mean().item() == pytest.approx(1 - alpha_bar, rel=0.03)


def test_add_noise_takes_one_step_per_image():
    scheduler = DDPMScheduler(linear_betas())
    x0, noise = torch.ones(2, 3), torch.zeros(2, 3)
    noised = scheduler.add_noise(x0, noise, torch.tensor([0, 999]))
    assert noised[0, 0].item() == pytest.approx(math.sqrt(1 - 1e-4), rel=1e-6)
    assert noised[1, 0].item() < 0.01


def test_ddpm_posterior_mean_and_variance_match_bayes_rule():
    """q(x_{t-1} | x_t, x_0) is the product of N(x_t; sqrt(a_t) x_{t-1}, b_t) and q(x_{t-1} | x_0)."""
    scheduler = DDPMScheduler(linear_betas())
    x0, x_t = torch.randn(5, 7), torch.randn(5, 7)
    for t in (1, 50, 500, 999):
        beta, alpha_bar_prev = scheduler.betas[t].item(), scheduler.alphas_cumprod[t - 1].item()
        precision = (1 - beta) / beta + 1 / (1 - alpha_bar_prev)  # Gaussian precisions add
        weighted = math.sqrt(1 - beta) * x_t / beta + math.sqrt(alpha_bar_prev) * x0 / (1 - alpha_bar_prev)
        expected_mean = weighted / precision
        mean, variance = scheduler.posterior_mean_variance(x0, x_t, t)
        assert variance == pytest.approx(1 / precision, rel=1e-9)
        torch.testing.assert_close(mean, expected_mean, rtol=1e-5, atol=1e-6)


def test_the_last_ddpm_step_adds_no_noise():
    scheduler = DDPMScheduler(linear_betas(), clip_sample=None)
    x_t, eps = torch.randn(3, 4), torch.randn(3, 4)
    first = scheduler.step(eps, 0, x_t, generator=torch.Generator().manual_seed(0))
    second = scheduler.step(eps, 0, x_t, generator=torch.Generator().manual_seed(1))
    torch.testing.assert_close(first.prev_sample, second.prev_sample)
    torch.testing.assert_close(first.pred_original_sample, scheduler.predict_original(eps, 0, x_t))


def test_ddim_with_eta_one_and_every_step_is_ddpm():
    """Song et al.: with eta = 1 over all T steps, DDIM's step is DDPM's posterior step."""
    betas = linear_betas()
    ddpm = DDPMScheduler(betas, clip_sample=None)
    ddim = DDIMScheduler(betas, num_inference_steps=T, eta=1.0, clip_sample=None)
    x_t, eps = torch.randn(4, 6), torch.randn(4, 6)
    for t in (999, 500, 20, 1):
        a = ddpm.step(eps, t, x_t, generator=torch.Generator().manual_seed(t))
        b = ddim.step(eps, t, x_t, generator=torch.Generator().manual_seed(t))
        torch.testing.assert_close(a.prev_sample, b.prev_sample, rtol=1e-4, atol=1e-5)


def test_ddim_strides_over_the_steps_and_refuses_bad_settings():
    scheduler = DDIMScheduler(linear_betas(), num_inference_steps=50)
    assert scheduler.timesteps.tolist() == list(range(980, -1, -20))
    with pytest.raises(ValueError, match="between 1 and 1000 steps"):
        DDIMScheduler(linear_betas(), num_inference_steps=0)
    with pytest.raises(ValueError, match="eta"):
        DDIMScheduler(linear_betas(), eta=-0.5)


def perfect_denoiser(scheduler, target: torch.Tensor):
    """The best possible noise prediction when every training image is `target`."""

    def predict(x_t, t):
        alpha_bar = scheduler.alphas_cumprod[t].to(torch.float32).reshape(-1, *([1] * (x_t.dim() - 1)))
        return (x_t - alpha_bar.sqrt() * target) / (1 - alpha_bar).sqrt()

    return predict


@pytest.mark.parametrize("make", [lambda b: DDPMScheduler(b), lambda b: DDIMScheduler(b, num_inference_steps=20)])
def test_sampling_with_a_perfect_denoiser_lands_on_the_data(make):
    scheduler = make(linear_betas())
    target = torch.full((1, 1, 28, 28), 0.3)
    result = sample(perfect_denoiser(scheduler, target), scheduler, (4, 1, 28, 28), seed=0, keep_frames=10)
    torch.testing.assert_close(result.samples, target.expand(4, -1, -1, -1), atol=1e-3, rtol=0)
    assert result.network_calls == len(scheduler.timesteps)
    assert result.frames.shape == result.predicted.shape == (len(result.frame_steps), 4, 1, 28, 28)
    assert result.frame_steps == sorted(result.frame_steps, reverse=True) and result.frame_steps[-1] == 0


def test_ddim_with_eta_zero_is_deterministic_for_a_seed():
    scheduler = DDIMScheduler(linear_betas(), num_inference_steps=10, eta=0.0)

    def denoiser(x_t, t):  # any fixed function of (x_t, t) will do
        return torch.tanh(x_t) * (t[:, None, None, None].float() / T)

    runs = [sample(denoiser, scheduler, (3, 1, 28, 28), seed=seed).samples for seed in (7, 7, 8)]
    torch.testing.assert_close(runs[0], runs[1], rtol=0, atol=0)
    assert not torch.allclose(runs[0], runs[2])


def test_sampling_from_a_noised_image_starts_at_that_step():
    scheduler = DDIMScheduler(linear_betas(), num_inference_steps=50)
    start = torch.zeros(2, 1, 28, 28)
    result = sample(perfect_denoiser(scheduler, start[:1]), scheduler, (2, 1, 28, 28), start=start, start_step=300)
    assert result.frame_steps[0] == 300 and result.network_calls == 16  # 300, 280, ..., 0
    torch.testing.assert_close(result.samples, start, atol=1e-3, rtol=0)
    with pytest.raises(ValueError, match="start_step"):
        sample(perfect_denoiser(scheduler, start[:1]), scheduler, (2, 1, 28, 28), start=start, start_step=1000)


def test_frame_indices_spread_evenly_and_keep_the_end():
    assert frame_indices(5, 10) == [0, 1, 2, 3, 4]
    picked = frame_indices(1000, 50)
    assert len(picked) == 50 and picked[0] == 0 and picked[-1] == 999
    assert np.ptp(np.diff(picked)) <= 1
    assert frame_indices(1000, 1) == [999]
