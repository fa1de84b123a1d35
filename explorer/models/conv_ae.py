"""A plain convolutional autoencoder: deterministic code, reconstruction loss only."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.models.base import PlainAutoencoder
from explorer.models.conv_blocks import ConvDecoder, ConvEncoder


@dataclass(frozen=True)
class ConvAEConfig:
    latent_dim: int = 16  # k, the bottleneck
    channels: tuple[int, int] = (32, 64)
    hidden_dim: int = 0  # dense layer between conv features and code; 0 (none) generalised best on 4,000 images


class ConvAE(PlainAutoencoder):
    family = "conv_ae"

    def __init__(self, config: ConvAEConfig):
        super().__init__(config)
        self.encoder = ConvEncoder(config.channels, config.hidden_dim, config.latent_dim)
        self.decoder = ConvDecoder(config.channels, config.hidden_dim, config.latent_dim)
