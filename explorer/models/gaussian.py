"""What every VAE shares: a diagonal Gaussian posterior, its KL to N(0, I), the reparameterised sample,
the β-ELBO, and a base class that puts them together."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import torch
from torch import nn

from explorer.models.base import Autoencoder, LossParts, bce_per_image


class GaussianPosterior(NamedTuple):
    mean: torch.Tensor  # N x k
    logvar: torch.Tensor  # N x k


def gaussian_kl(posterior: GaussianPosterior) -> torch.Tensor:
    """KL(q(z|x) || N(0, I)) per latent dimension, closed form: N x k."""
    mean, logvar = posterior
    return 0.5 * (mean.pow(2) + logvar.exp() - 1.0 - logvar)


def dims_by_kl(kl_per_dim) -> list[int]:
    """Latent dimensions, the most used (largest KL) first."""
    return [int(dim) for dim in np.argsort(-np.asarray(kl_per_dim), kind="stable")]


def reparameterised_sample(posterior: GaussianPosterior, eps: torch.Tensor | None = None) -> torch.Tensor:
    """The reparameterisation trick: z = mean + sigma * eps keeps gradients flowing to both.
    eps: N x k draws from N(0, 1), drawn here unless given (a page that shows its draw passes its own)."""
    if eps is None:
        eps = torch.randn_like(posterior.mean)
    return posterior.mean + (0.5 * posterior.logvar).exp() * eps


def beta_elbo_loss(x_hat: torch.Tensor, x: torch.Tensor, posterior: GaussianPosterior,
                   beta: float) -> LossParts[torch.Tensor]:
    """Negative β-ELBO per image, batch mean: reconstruction + β · KL, with both parts."""
    recon = bce_per_image(x_hat, x).mean()
    kl = gaussian_kl(posterior).sum(dim=1).mean()
    return LossParts(total=recon + beta * kl, recon=recon, kl=kl)


class GaussianVAE(Autoencoder):
    """A VAE whose `encoder` outputs 2k numbers (mean, log-variance) and whose `decoder` maps k back to
    an image; a family only builds those two networks and sets `config.beta`."""

    encoder: nn.Module
    decoder: nn.Module

    def encode(self, x: torch.Tensor) -> GaussianPosterior:
        mean, logvar = self.encoder(x).chunk(2, dim=1)  # each N x k
        return GaussianPosterior(mean, logvar)

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        return self.encode(x).mean

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        return self.decoder(z)

    def sample_posterior(self, posterior: GaussianPosterior) -> torch.Tensor:
        return reparameterised_sample(posterior)

    def loss(self, x: torch.Tensor, target: torch.Tensor | None = None) -> LossParts[torch.Tensor]:
        posterior = self.encode(x)
        x_hat = self.decode(self.sample_posterior(posterior))
        return beta_elbo_loss(x_hat, x if target is None else target, posterior, self.config.beta)
