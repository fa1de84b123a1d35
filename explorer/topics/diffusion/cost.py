"""What one denoising step costs each shipped network: its weights, and how much arithmetic it does with them.
A convolution reuses each weight at every position of the picture; a fully connected layer uses it once.

Counting takes torch's counter over a second on a page's first open, and the count depends only on the networks:
the build counts it (`measured_step_costs`, in the diffusion group's manifest info) and the page reads it."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from explorer.checkpoints.store import MANIFEST_NAME, REBUILD_COMMAND, PretrainedFileError, PretrainedStore
from explorer.models import LatentDenoiser, UNet

GROUP = "diffusion"
INFO_KEY = "step_costs"  # in the group's manifest info: {"unet": StepCost, "latent_denoiser": StepCost} as dicts
REMEASURE = f"{REBUILD_COMMAND} --only {GROUP} --measure"  # counts them again without retraining


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


def measured_step_costs(unet: UNet, denoiser: LatentDenoiser) -> dict:
    """What the build adds to the group's info: both shipped denoisers' counts."""
    return {INFO_KEY: {"unet": asdict(pixel_step_cost(unet)), "latent_denoiser": asdict(latent_step_cost(denoiser))}}


def shipped_step_costs(store: PretrainedStore) -> tuple[StepCost, StepCost]:
    """The U-Net's and the latent MLP's costs as the build counted them (a PretrainedFileError when it did not)."""
    try:
        costs = store.group(GROUP)[INFO_KEY]
        return StepCost(**costs["unet"]), StepCost(**costs["latent_denoiser"])
    except (KeyError, TypeError) as missing:
        raise PretrainedFileError(store.root / MANIFEST_NAME, f"the {GROUP!r} group has no step costs ({missing})",
                                  rebuild=REMEASURE) from None
