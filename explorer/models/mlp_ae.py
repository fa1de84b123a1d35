"""A plain fully connected autoencoder: every pixel wired to every hidden unit, no notion of place."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.models.base import PlainAutoencoder
from explorer.models.mlp_blocks import mlp_decoder, mlp_encoder


@dataclass(frozen=True)
class MLPAEConfig:
    latent_dim: int = 16  # k, the bottleneck
    hidden_dim: int = 400  # one hidden layer each way, 784-400-k, as the MLP VAE


class MLPAE(PlainAutoencoder):
    family = "mlp_ae"

    def __init__(self, config: MLPAEConfig):
        super().__init__(config)
        self.encoder = mlp_encoder(config.hidden_dim, config.latent_dim)  # N x k
        self.decoder = mlp_decoder(config.latent_dim, config.hidden_dim)
