"""A convolutional VAE: Gaussian posterior, reparameterised sample, ELBO with a β on the KL."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.models.conv_blocks import ConvDecoder, ConvEncoder
from explorer.models.gaussian import GaussianVAE


@dataclass(frozen=True)
class ConvVAEConfig:
    latent_dim: int = 16  # k, the bottleneck
    channels: tuple[int, int] = (32, 64)
    hidden_dim: int = 0  # dense layer between conv features and code; 0 (none) generalised best on 4,000 images
    beta: float = 1.0  # weight of the KL term; 1 is the ELBO (exactly so for binary pixels)


class ConvVAE(GaussianVAE):
    family = "conv_vae"

    def __init__(self, config: ConvVAEConfig):
        super().__init__(config)
        self.encoder = ConvEncoder(config.channels, config.hidden_dim, 2 * config.latent_dim)
        self.decoder = ConvDecoder(config.channels, config.hidden_dim, config.latent_dim)
