"""The interface every autoencoder shares (after PyTorch-VAE's BaseVAE and pythae)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import torch
import torch.nn.functional as F
from torch import nn


def bce_per_image(x_hat: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """Binary cross-entropy summed over pixels: one value per image, shape (N,)."""
    return F.binary_cross_entropy(x_hat, x, reduction="none").flatten(1).sum(dim=1)


Part = TypeVar("Part", torch.Tensor, float)
NAMED_PARTS = ("loss", "recon", "kl")  # the names of LossParts' own fields in named()


@dataclass(frozen=True)
class LossParts(Generic[Part]):
    """What loss(x) returns (tensors, for training to minimise `total`) and, as floats, what training reports:
    the objective and the parts it is made of, each a mean per image. Every family reconstructs; a VAE adds its
    KL, and a family with a term of its own names it in `extra` (VQ-VAE "commitment", sparse AE "sparsity")."""

    total: Part  # the objective: recon plus the other parts, each weighted as its family weighs it
    recon: Part  # binary cross-entropy summed over the pixels
    kl: Part | None = None  # a VAE's KL to its prior N(0, I), unweighted (β weighs it in total only); None: no KL
    extra: Mapping[str, Part] = field(default_factory=dict)

    def named(self) -> dict[str, Part]:
        """Every part by the name the manifest records it under ("test_" + name) and the shipped curves are
        stored under: "loss" (the total), "recon", "kl" where there is one, then the extra ones."""
        kl = {} if self.kl is None else {"kl": self.kl}
        return {"loss": self.total, "recon": self.recon} | kl | dict(self.extra)

    @classmethod
    def from_named(cls, named: Mapping[str, Part]) -> LossParts[Part]:
        """The inverse of named(): training sums the parts by name over an epoch, then names them again."""
        return cls(total=named["loss"], recon=named["recon"], kl=named.get("kl"),
                   extra={name: value for name, value in named.items() if name not in NAMED_PARTS})


class Autoencoder(nn.Module, ABC):
    """encode -> latent, decode -> image in [0, 1]; loss(x) -> LossParts: the objective and its parts."""

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
    def loss(self, x: torch.Tensor, target: torch.Tensor | None = None) -> LossParts[torch.Tensor]:
        """Mean over the batch of the objective (total) and its parts (recon, ...).

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

    def loss(self, x: torch.Tensor, target: torch.Tensor | None = None) -> LossParts[torch.Tensor]:
        recon = bce_per_image(self.reconstruct(x), x if target is None else target).mean()
        return LossParts(total=recon, recon=recon)
