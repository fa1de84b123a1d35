"""Training by a fixed number of steps: the noise-prediction objective and the digit classifier.

The diffusion networks and the classifier are not autoencoders, so they do not go through
explorer.training.fit; they share this loop instead. A step budget (not epochs) bounds the CPU time
of the shipped build. Progress goes through a callback, never print.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from explorer.core.runtime import seed_everything
from explorer.core.schedulers import DDPMScheduler
from explorer.training.fit import NonFiniteLossError


@dataclass(frozen=True)
class StepTrainConfig:
    steps: int = 2000
    batch_size: int = 64
    lr: float = 2e-3  # Adam's peak rate, decayed to zero along a cosine
    seed: int = 0  # seeds the batches, the steps t and the noise
    report_every: int = 100  # steps between progress reports
    ema_decay: float | None = None  # keep an exponential moving average of the weights and end with it


BatchLoss = Callable[[nn.Module, torch.Tensor, torch.Tensor | None, torch.Generator], torch.Tensor]


def train_steps(model: nn.Module, loss_of_batch: BatchLoss, inputs: torch.Tensor, config: StepTrainConfig, *,
                targets: torch.Tensor | None = None,
                on_report: Callable[[int, float], None] | None = None) -> list[float]:
    """Adam on random batches of `inputs` for config.steps steps; returns the mean loss per report.

    With config.ema_decay the model ends holding the moving average of its weights: a denoiser's
    last raw weights jitter with the last batches, and samples from the average are cleaner.
    """
    generator = seed_everything(config.seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=config.lr)
    weights = [p for p in model.parameters() if p.requires_grad]
    average = [p.detach().clone() for p in weights] if config.ema_decay is not None else None
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=config.steps)
    model.train()
    losses, running = [], 0.0
    for step in range(1, config.steps + 1):
        index = torch.randint(0, len(inputs), (config.batch_size,), generator=generator)
        loss = loss_of_batch(model, inputs[index], None if targets is None else targets[index], generator)
        if not math.isfinite(loss.item()):
            raise NonFiniteLossError(f"the loss became {loss.item()} at step {step}")
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        schedule.step()
        if average is not None:
            # Early on the average would be stuck near the random start: warm the decay up with the step.
            decay = min(config.ema_decay, (1 + step) / (10 + step))
            with torch.no_grad():
                for mean, weight in zip(average, weights, strict=True):
                    mean.lerp_(weight, 1 - decay)
        running += loss.item()
        if step % config.report_every == 0 or step == config.steps:
            losses.append(running / (step - (len(losses) * config.report_every)))
            running = 0.0
            if on_report is not None:
                on_report(step, losses[-1])
    if average is not None:
        with torch.no_grad():
            for weight, mean in zip(weights, average, strict=True):
                weight.copy_(mean)
    model.eval()
    return losses


def denoising_loss(scheduler: DDPMScheduler) -> BatchLoss:
    """The DDPM objective: noise x_0 to a random step t and ask the network for the noise."""

    def loss(network: nn.Module, x0: torch.Tensor, _targets, generator: torch.Generator) -> torch.Tensor:
        t = torch.randint(0, scheduler.num_train_timesteps, (len(x0),), generator=generator)
        noise = torch.randn(x0.shape, generator=generator)
        return F.mse_loss(network(scheduler.add_noise(x0, noise, t), t), noise)

    return loss


def classification_loss(network: nn.Module, images: torch.Tensor, labels: torch.Tensor, _generator) -> torch.Tensor:
    return F.cross_entropy(network(images), labels)
