"""What one denoising step costs each shipped network: its weights, and how much arithmetic it does with them.
A convolution reuses each weight at every position of the picture; a fully connected layer uses it once."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from explorer.models import LatentDenoiser, UNet


@dataclass(frozen=True)
class StepCost:
    parameters: int  # weights and biases
    multiply_adds: int  # per image, one call of the network (its convolutions and matrix products)

    @property
    def uses_per_weight(self) -> float:
        return self.multiply_adds / self.parameters


@torch.inference_mode()
def step_cost(network: nn.Module, example: torch.Tensor) -> StepCost:
    """Count one call on one example (a 1 x ... input) with torch's own counter."""
    with FlopCounterMode(display=False) as counter:
        network(example, torch.zeros(1, dtype=torch.long))
    return StepCost(parameters=sum(p.numel() for p in network.parameters()),
                    multiply_adds=counter.get_total_flops() // 2)  # it counts a multiply-add as two operations


def pixel_step_cost(unet: UNet) -> StepCost:
    return step_cost(unet, torch.zeros(1, 1, 28, 28))


def latent_step_cost(denoiser: LatentDenoiser) -> StepCost:
    return step_cost(denoiser, torch.zeros(1, denoiser.config.latent_dim))
