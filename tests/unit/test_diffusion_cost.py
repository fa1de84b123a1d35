"""What a denoising step costs, counted; when a schedule has wiped the digit out; static as pixels."""

import numpy as np
import torch
from torch import nn

from explorer.core.schedulers import DDPMScheduler, make_betas, static_pixels
from explorer.models import LatentDenoiser, LatentDenoiserConfig, UNet, UNetConfig
from explorer.topics.diffusion.cost import latent_step_cost, pixel_step_cost, step_cost
from explorer.topics.diffusion.logic import SIGNAL_ALMOST_GONE, fade_step


class OneConv(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=1)

    def forward(self, x, t):
        return self.conv(x)


def test_a_convolution_uses_each_weight_at_every_position():
    cost = step_cost(OneConv(), torch.zeros(1, 1, 28, 28))
    assert cost.parameters == 4 * 9 + 4
    assert cost.multiply_adds == 28 * 28 * 4 * 9  # every output value sums a 3 x 3 filter


def test_a_unet_reuses_its_weights_far_more_than_an_mlp():
    latent = latent_step_cost(LatentDenoiser(LatentDenoiserConfig(latent_dim=16, hidden_dim=32, layers=1)))
    assert latent.uses_per_weight < 1.5  # a fully connected layer uses each weight once
    pixel = pixel_step_cost(UNet(UNetConfig(channels=(8, 16, 16), groups=4, time_dim=16)))
    assert pixel.uses_per_weight > 50


def test_the_fade_step_is_where_less_than_a_tenth_of_the_digit_is_left():
    for schedule in ("linear", "cosine"):
        signal, _ = DDPMScheduler(make_betas(schedule)).signal_and_noise_levels()
        step = fade_step(schedule)
        assert signal[step] < SIGNAL_ALMOST_GONE <= signal[step - 1]
    assert fade_step("linear") < fade_step("cosine")  # cosine keeps the digit for longer


def test_static_pixels_are_reproducible_pictures():
    static = static_pixels(4, seed=3)
    assert static.shape == (4, 28, 28) and static.min() >= 0 and static.max() <= 1
    assert np.array_equal(static, static_pixels(4, seed=3)) and not np.array_equal(static, static_pixels(4, seed=4))
