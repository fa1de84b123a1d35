"""The Diffusion page's logic and figures: forward frames, sampling through real networks, scores."""

from dataclasses import replace

import numpy as np
import pytest
import torch

from explorer.core.images import tile, to_uint8
from explorer.core.schedulers import DDPMScheduler, linear_betas, pixels_to_signal
from explorer.models import (
    ConvVAE,
    ConvVAEConfig,
    DigitClassifier,
    DigitClassifierConfig,
    LatentDenoiser,
    LatentDenoiserConfig,
    UNet,
    UNetConfig,
)
from explorer.models.digit_judge import JudgeScores
from explorer.models.digit_likeness import digit_likeness, score_images
from explorer.topics.diffusion.figures import FINISHED, forward_figure, quality_figure, reverse_figure
from explorer.topics.diffusion.logic import (
    BATCH,
    FORWARD_FRAMES,
    TIMED_STEPS,
    PixelRun,
    forward_frames,
    make_scheduler,
    run_pixels,
    sample_latents,
    sample_pixels,
    sampling_steps,
    time_steps,
    vae_prior_samples,
)
from explorer.training.steps import StepTrainConfig, denoising_loss, train_steps


@pytest.fixture(scope="module")
def digit():
    image = np.zeros((28, 28), np.float32)
    image[6:22, 12:16] = 1.0  # a "1"
    return image


def test_forward_frames_fade_the_image_into_standard_noise(digit):
    frames = forward_frames(digit, "cosine", seed=3)
    assert len(frames.steps) == FORWARD_FRAMES and frames.steps[0] == 0 and frames.steps[-1] == 999
    np.testing.assert_allclose(frames.images[0], pixels_to_signal(torch.from_numpy(digit)).numpy(),
                               atol=0.05)  # t = 0 already holds noise of std 0.01
    last = frames.images[-1]
    assert abs(last.mean()) < 0.15 and abs(last.std() - 1) < 0.1
    np.testing.assert_allclose(frames.histograms.sum(axis=1), 1.0, atol=1e-6)
    np.testing.assert_allclose(frames.signal_levels**2 + frames.noise_levels**2, 1.0, atol=1e-9)
    assert not np.array_equal(forward_frames(digit, "linear", seed=3).images[10], frames.images[10])


def test_digit_likeness_of_known_probabilities():
    confident_and_varied = np.eye(10)
    scores = digit_likeness(confident_and_varied)
    assert scores.mean_confidence == pytest.approx(1.0) and scores.class_spread == pytest.approx(1.0)
    stuck = np.tile([[0.6, 0.4] + [0.0] * 8], (5, 1))
    scores = digit_likeness(stuck)
    assert scores.mean_confidence == pytest.approx(0.6) and scores.class_spread == 0.0
    assert scores.class_counts == [5] + [0] * 9


def small_unet():
    torch.manual_seed(0)
    return UNet(UNetConfig()).eval().requires_grad_(False)


def test_pixel_sampling_returns_frames_in_pixel_range(digit):
    result = sample_pixels(small_unet(), make_scheduler("linear", "ddim", 10), count=3, seed=0)
    assert result.noisy.shape == result.predicted.shape == (10, 3, 28, 28)
    assert result.samples.shape == (3, 28, 28)
    assert result.samples.min() >= 0 and result.samples.max() <= 1
    assert result.network_calls == 10 and result.ms_per_step > 0
    started = sample_pixels(small_unet(), make_scheduler("linear", "ddim", 10), start_images=[digit] * 2,
                            start_step=250, seed=0)
    assert started.steps[0] == 200 and started.samples.shape == (2, 28, 28)


def test_latent_sampling_decodes_every_frame():
    torch.manual_seed(0)
    vae = ConvVAE(ConvVAEConfig(latent_dim=16)).eval()
    denoiser = LatentDenoiser(LatentDenoiserConfig(latent_dim=16)).eval()
    result = sample_latents(denoiser, vae, make_scheduler("linear", "ddim", 20, clip_sample=None), count=4,
                            keep_frames=5)
    assert result.network_calls == 20
    assert result.noisy.shape == result.predicted.shape == (5, 4, 28, 28)
    assert vae_prior_samples(vae, 6).shape == (6, 28, 28)


def test_a_run_from_a_test_digit_starts_every_image_from_it(digit):
    settings = PixelRun(steps=10, start_image=1, start_step=250, count=2)
    from_the_digit = run_pixels(small_unet(), "linear", settings, np.stack([np.zeros_like(digit), digit]))
    direct = sample_pixels(small_unet(), make_scheduler("linear", "ddim", 10), start_images=[digit] * 2,
                           start_step=250, seed=0)
    assert np.array_equal(from_the_digit.samples, direct.samples)


def test_step_times_time_each_network_on_a_batch_after_a_warm_up_step():
    """What is timed, not how fast: a timing is no test assertion on a shared machine."""
    torch.manual_seed(0)
    vae = ConvVAE(ConvVAEConfig(latent_dim=16)).eval()
    denoiser = LatentDenoiser(LatentDenoiserConfig(latent_dim=16)).eval()
    unet = small_unet()
    batches = {"pixel": [], "latent": []}
    unet.register_forward_hook(lambda module, args, out: batches["pixel"].append(len(args[0])))
    denoiser.register_forward_hook(lambda module, args, out: batches["latent"].append(len(args[0])))
    times = time_steps(unet, denoiser, vae, "linear")
    assert (times.pixel_steps, times.latent_steps) == (TIMED_STEPS["pixel"], TIMED_STEPS["latent"])
    for name, calls in batches.items():
        assert calls == [BATCH] * (1 + TIMED_STEPS[name])  # the warm-up step, then the timed ones


def test_a_denoiser_learns_to_predict_the_noise():
    torch.manual_seed(0)
    codes = torch.randn(512, 16) * 0.3 + 1.0  # a simple data distribution
    denoiser = LatentDenoiser(LatentDenoiserConfig(latent_dim=16, hidden_dim=32, time_dim=16, layers=1))
    loss = denoising_loss(DDPMScheduler(linear_betas()))
    losses = train_steps(denoiser, loss, codes, StepTrainConfig(steps=120, batch_size=64, lr=3e-3, report_every=30))
    assert len(losses) == 4 and losses[-1] < 0.8 * losses[0]


def test_the_moving_average_of_the_weights_is_what_training_leaves():
    codes = torch.randn(256, 4, generator=torch.Generator().manual_seed(0)) + 2.0
    config = StepTrainConfig(steps=30, batch_size=32, lr=1e-2, report_every=10)
    mean_of = lambda model, x, _targets, _generator: (model(x) - x).pow(2).mean()  # noqa: E731
    seen = []  # the weights before each step, from the run without an average

    def recording(model, x, targets, generator):
        seen.append(model.weight.detach().clone())
        return mean_of(model, x, targets, generator)

    plain, averaged = torch.nn.Linear(4, 4), torch.nn.Linear(4, 4)
    averaged.load_state_dict(plain.state_dict())
    train_steps(plain, recording, codes, config)
    train_steps(averaged, mean_of, codes, replace(config, ema_decay=0.9))

    trajectory = seen[1:] + [plain.weight.detach()]  # the weights after each step
    expected = seen[0]
    for step, weight in enumerate(trajectory, start=1):
        decay = min(0.9, (1 + step) / (10 + step))
        expected = decay * expected + (1 - decay) * weight
    assert torch.allclose(averaged.weight, expected, atol=1e-6)
    assert not torch.allclose(averaged.weight, plain.weight, atol=1e-3)


def test_scores_of_images_use_the_classifier():
    torch.manual_seed(0)
    scores = score_images(DigitClassifier(DigitClassifierConfig()).eval(), np.random.rand(12, 28, 28))
    assert scores.images == 12 and sum(scores.class_counts) == 12 and 0.1 <= scores.mean_confidence <= 1


def test_forward_figure_animates_in_the_browser(digit):
    fig = forward_figure(forward_frames(digit, "linear"))
    assert len(fig.frames) == FORWARD_FRAMES
    assert not np.array_equal(fig.frames[0].data[0].z, fig.frames[-1].data[0].z)  # the image changes
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == ["▶ Play", "⏸ Pause"]
    assert [s.label for s in fig.layout.sliders[0].steps] == [f.name for f in fig.frames]


def test_reverse_figure_ends_on_the_samples_and_opens_on_them():
    result = sample_pixels(small_unet(), make_scheduler("linear", "ddim", 5), count=4, seed=0)
    fig = reverse_figure(result)
    samples = to_uint8(tile(result.samples, 4))
    assert len(fig.frames) == 6 and fig.frames[-1].name == FINISHED
    np.testing.assert_array_equal(fig.frames[-1].data[0].z, samples)
    np.testing.assert_array_equal(fig.data[0].z, samples)  # what the page shows before Play: the samples
    slider = fig.layout.sliders[0]
    assert slider.active == len(fig.frames) - 1 and slider.steps[-1].label == FINISHED
    assert fig.layout.updatemenus[0].y > 1 and slider.y > 1  # Play and the slider above the pictures
    assert fig.layout.updatemenus[0].buttons[0].args[1]["fromcurrent"]  # from the last frame, Play starts over


def test_quality_figure_has_a_bar_per_method_and_measure():
    quality = {name: JudgeScores(realism=0.9, share_real=share, precision=0.8, recall=0.7, fid=30.0,
                                 mean_confidence=c, images=10, method=name)
               for name, share, c in (("a", 0.45, 0.9), ("b", 0.2, 0.7))}
    fig = quality_figure(quality)
    assert [list(bar.y) for bar in fig.data] == [[0.45, 0.2], [0.9, 0.7]]  # judged real first, confidence beside
    assert fig.data[0].name == "judged real by the digit judge" and "FID 30" in fig.data[0].customdata[0]


def test_tile_lays_images_out_in_a_grid():
    grid = tile(np.ones((5, 2, 3)), columns=2, gap=1)
    assert grid.shape == (3 * 2 + 2, 2 * 3 + 1)
    assert grid[0, 3] == 0.5 and grid[0, 0] == 1.0 and grid[-1, -1] == 0.5  # gap, image, empty cell


def test_the_step_count_known_before_sampling_is_the_sampler_s_own():
    """The work line's estimate of a sampling counts its steps before it runs: as many as the sampler makes."""
    for sampler, steps in (("ddpm", 50), ("ddim", 10), ("ddim", 50), ("ddim", 200)):
        for start_step in (None, 50, 499, 950):
            run = PixelRun(sampler, steps, start_image=None if start_step is None else 0, start_step=start_step)
            timesteps = [int(t) for t in make_scheduler("linear", sampler, steps).timesteps]
            made = [t for t in timesteps if start_step is None or t <= start_step]  # as sample() skips them
            assert sampling_steps(run) == len(made), run
