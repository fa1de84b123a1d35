"""A plain convolutional autoencoder: deterministic code, reconstruction loss only."""

from __future__ import annotations

from dataclasses import dataclass

import torch

from explorer.models.base import Autoencoder, bce_per_image
from explorer.models.conv_blocks import ConvDecoder, ConvEncoder


@dataclass(frozen=True)
class ConvAEConfig:
    latent_dim: int = 16  # k, the bottleneck
    channels: tuple[int, int] = (32, 64)
    hidden_dim: int = 0  # dense layer between conv features and code; 0 (none) generalised best on 4,000 images


class ConvAE(Autoencoder):
    family = "conv_ae"

    def __init__(self, config: ConvAEConfig):
        super().__init__(config)
        self.encoder = ConvEncoder(config.channels, config.hidden_dim, config.latent_dim)
        self.decoder = ConvDecoder(config.channels, config.hidden_dim, config.latent_dim)

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        return self.encoder(x)  # N x k

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        return self.encode(x)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        return self.decoder(z)

    def loss(self, x: torch.Tensor, target: torch.Tensor | None = None) -> dict[str, torch.Tensor]:
        recon = bce_per_image(self.reconstruct(x), x if target is None else target).mean()
        return {"loss": recon, "recon": recon}
