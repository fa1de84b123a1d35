"""The convolutional encoder trunk and decoder that the conv AE and VAE share."""

from __future__ import annotations

import torch
from torch import nn


def _dense_stack(sizes: list[int]) -> list[nn.Module]:
    """Linear layers through `sizes`, with a ReLU after every one."""
    layers: list[nn.Module] = []
    for n_in, n_out in zip(sizes, sizes[1:], strict=False):
        layers += [nn.Linear(n_in, n_out), nn.ReLU()]
    return layers


class ConvEncoder(nn.Module):
    """28 x 28 image -> `out_features` numbers; hidden_dim 0 means no dense hidden layer."""

    def __init__(self, channels: tuple[int, int], hidden_dim: int, out_features: int):
        super().__init__()
        c1, c2 = channels
        widths = [c2 * 7 * 7] + ([hidden_dim] if hidden_dim else [])
        self.net = nn.Sequential(
            nn.Conv2d(1, c1, 4, stride=2, padding=1),  # N x c1 x 14 x 14
            nn.ReLU(),
            nn.Conv2d(c1, c2, 4, stride=2, padding=1),  # N x c2 x 7 x 7
            nn.ReLU(),
            nn.Flatten(),
            *_dense_stack(widths),
            nn.Linear(widths[-1], out_features),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


class ConvDecoder(nn.Module):
    """k numbers -> 28 x 28 image in [0, 1]; the mirror of ConvEncoder."""

    def __init__(self, channels: tuple[int, int], hidden_dim: int, latent_dim: int):
        super().__init__()
        c1, c2 = channels
        self.net = nn.Sequential(
            *_dense_stack([latent_dim] + ([hidden_dim] if hidden_dim else []) + [c2 * 7 * 7]),
            nn.Unflatten(1, (c2, 7, 7)),
            nn.ConvTranspose2d(c2, c1, 4, stride=2, padding=1),  # N x c1 x 14 x 14
            nn.ReLU(),
            nn.ConvTranspose2d(c1, 1, 4, stride=2, padding=1),  # N x 1 x 28 x 28
            nn.Sigmoid(),
        )

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.net(z)
