"""A small fully connected VAE: fast enough on a CPU to retrain live while a student watches."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.models.gaussian import GaussianVAE
from explorer.models.mlp_blocks import mlp_decoder, mlp_encoder


@dataclass(frozen=True)
class MLPVAEConfig:
    latent_dim: int = 16  # k, the bottleneck
    hidden_dim: int = 400  # one hidden layer each way, 784-400-k (Kingma & Welling's MNIST VAE used 500)
    beta: float = 1.0  # KL weight; 1: the ELBO (exactly so for binary pixels), 0: a plain (noisy) autoencoder


class MLPVAE(GaussianVAE):
    family = "mlp_vae"

    def __init__(self, config: MLPVAEConfig):
        super().__init__(config)
        self.encoder = mlp_encoder(config.hidden_dim, 2 * config.latent_dim)  # mean and log-variance
        self.decoder = mlp_decoder(config.latent_dim, config.hidden_dim)
