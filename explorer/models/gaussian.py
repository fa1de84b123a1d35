"""What every VAE shares: a diagonal Gaussian posterior, its KL to N(0, I), and the reparameterised sample."""

from __future__ import annotations

from typing import NamedTuple

import torch

from explorer.models.base import bce_per_image


class GaussianPosterior(NamedTuple):
    mean: torch.Tensor  # N x k
    logvar: torch.Tensor  # N x k


def gaussian_kl(posterior: GaussianPosterior) -> torch.Tensor:
    """KL(q(z|x) || N(0, I)) per latent dimension, closed form: N x k."""
    mean, logvar = posterior
    return 0.5 * (mean.pow(2) + logvar.exp() - 1.0 - logvar)


def reparameterised_sample(posterior: GaussianPosterior) -> torch.Tensor:
    """The reparameterisation trick: z = mean + sigma * eps keeps gradients flowing to both."""
    eps = torch.randn_like(posterior.mean)
    return posterior.mean + (0.5 * posterior.logvar).exp() * eps


def beta_elbo_loss(x_hat: torch.Tensor, x: torch.Tensor, posterior: GaussianPosterior, beta: float) -> dict:
    """Negative β-ELBO per image, batch mean: reconstruction + β · KL, with both parts."""
    recon = bce_per_image(x_hat, x).mean()
    kl = gaussian_kl(posterior).sum(dim=1).mean()
    return {"loss": recon + beta * kl, "recon": recon, "kl": kl}
