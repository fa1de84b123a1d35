"""The interface every autoencoder shares (after PyTorch-VAE's BaseVAE and pythae)."""

from __future__ import annotations

from abc import ABC, abstractmethod

import torch
import torch.nn.functional as F
from torch import nn


def bce_per_image(x_hat: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """Binary cross-entropy summed over pixels: one value per image, shape (N,)."""
    return F.binary_cross_entropy(x_hat, x, reduction="none").flatten(1).sum(dim=1)


class Autoencoder(nn.Module, ABC):
    """encode -> latent, decode -> image in [0, 1]; loss(x) -> dict with "loss" and its parts."""

    family: str  # registry key, see explorer.models.build_model
    latent_dim: int

    def __init__(self, config):
        super().__init__()
        self.config = config  # a dataclass that rebuilds the model: explorer.models.build_model(family, config)
        self.latent_dim = config.latent_dim

    @abstractmethod
    def encode(self, x: torch.Tensor):
        """The encoder's output: a code (AE) or a posterior's mean and log-variance (VAE)."""

    @abstractmethod
    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """The deterministic latent code of x, N x k: what maps and bottlenecks show."""

    @abstractmethod
    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """N x k codes -> N x 1 x 28 x 28 images in [0, 1]."""

    @abstractmethod
    def loss(self, x: torch.Tensor, target: torch.Tensor | None = None) -> dict[str, torch.Tensor]:
        """Mean over the batch of the objective ("loss") and its parts ("recon", ...).

        `target` is what the reconstruction of x is scored against: x itself unless given
        (a denoising autoencoder sees a corrupted x and is scored against the clean image).
        """

    def reconstruct(self, x: torch.Tensor) -> torch.Tensor:
        return self.decode(self.embed(x))


class PlainAutoencoder(Autoencoder):
    """A deterministic code and a reconstruction loss only: a subclass sets self.encoder and self.decoder."""

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        return self.encoder(x)  # N x k

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        return self.encode(x)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        return self.decoder(z)

    def loss(self, x: torch.Tensor, target: torch.Tensor | None = None) -> dict[str, torch.Tensor]:
        recon = bce_per_image(self.reconstruct(x), x if target is None else target).mean()
        return {"loss": recon, "recon": recon}
