"""A small CNN that names the digit in an image: the judge of how digit-like samples are."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn


@dataclass(frozen=True)
class DigitClassifierConfig:
    channels: tuple[int, int] = (16, 32)
    classes: int = 10


class DigitClassifier(nn.Module):
    family = "digit_classifier"

    def __init__(self, config: DigitClassifierConfig):
        super().__init__()
        self.config = config
        c1, c2 = config.channels
        self.net = nn.Sequential(
            nn.Conv2d(1, c1, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # N x c1 x 14 x 14
            nn.Conv2d(c1, c2, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # N x c2 x 7 x 7
            nn.Flatten(), nn.Dropout(0.25), nn.Linear(c2 * 49, 128), nn.ReLU(), nn.Linear(128, config.classes),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """N x 1 x 28 x 28 images in [0, 1] -> N x classes logits."""
        return self.net(x)
