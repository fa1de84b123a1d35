"""A sparse autoencoder: a wide code of non-negative units, a penalty that keeps most of them at zero, and a
one-layer decoder whose weights are one 28 x 28 picture per unit of the code."""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from explorer.core.data import PIXELS
from explorer.models.base import Autoencoder, LossParts, bce_per_image


@dataclass(frozen=True)
class SparseAEConfig:
    latent_dim: int = 128  # units of the code: wide, so that each can afford to learn one part
    l1: float = 0.0  # weight of the L1 penalty on the code, per image beside the summed BCE; 0: a plain AE


def l1_penalty(codes: torch.Tensor) -> torch.Tensor:
    """Sum of the code's absolute values, one per image: shape (N,)."""
    return codes.abs().sum(dim=1)


def unit_columns(weight: torch.Tensor) -> torch.Tensor:
    """A decoder weight (pixels x units) with each unit's column scaled to length 1.

    Without it the L1 penalty is dodged, not obeyed: the encoder shrinks the code and the decoder grows its
    weights by the same factor, and the reconstruction stays as it was."""
    return weight / weight.norm(dim=0, keepdim=True).clamp_min(1e-8)


class SparseAE(Autoencoder):
    family = "sparse_ae"

    def __init__(self, config: SparseAEConfig):
        super().__init__(config)
        self.encoder = nn.Sequential(nn.Flatten(), nn.Linear(PIXELS, config.latent_dim), nn.ReLU())  # N x units
        self.decoder = nn.Linear(config.latent_dim, PIXELS)  # pixel logits: bias + code @ features

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        return self.encoder(x)  # N x units, each >= 0

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        return self.encode(x)

    def features(self) -> torch.Tensor:
        """Each unit's decoder weights as a picture: units x 28 x 28, each of length 1."""
        return unit_columns(self.decoder.weight).T.reshape(-1, 28, 28)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        logits = F.linear(z, unit_columns(self.decoder.weight), self.decoder.bias)  # N x 784
        return torch.sigmoid(logits).reshape(-1, 1, 28, 28)

    def loss(self, x: torch.Tensor, target: torch.Tensor | None = None) -> LossParts[torch.Tensor]:
        codes = self.encode(x)
        recon = bce_per_image(self.decode(codes), x if target is None else target).mean()
        sparsity = self.config.l1 * l1_penalty(codes).mean()
        return LossParts(total=recon + sparsity, recon=recon, extra={"sparsity": sparsity})
