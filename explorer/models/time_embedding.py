"""The diffusion step t as a vector a network can use: sinusoids, as in the Transformer and DDPM."""

from __future__ import annotations

import math

import torch
from torch import nn


def sinusoidal_embedding(t: torch.Tensor, dim: int) -> torch.Tensor:
    """N integer steps -> N x dim features, sin and cos at geometrically spaced frequencies."""
    half = dim // 2
    frequencies = torch.exp(-math.log(10_000.0) * torch.arange(half, device=t.device) / half)  # half
    angles = t.float()[:, None] * frequencies[None, :]  # N x half
    return torch.cat([angles.sin(), angles.cos()], dim=1)  # N x dim


class TimeEmbedding(nn.Module):
    """Sinusoids followed by a small MLP, so the network learns which scales of t matter."""

    def __init__(self, dim: int):
        super().__init__()
        self.dim = dim
        self.mlp = nn.Sequential(nn.Linear(dim, dim), nn.SiLU(), nn.Linear(dim, dim))

    def forward(self, t: torch.Tensor) -> torch.Tensor:
        return self.mlp(sinusoidal_embedding(t, self.dim))  # N x dim
