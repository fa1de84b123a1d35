"""Inside the VAE: one digit's posterior, a diagonal Gaussian N(mu, sigma^2) over the code, and the
reparameterised sample z = mu + sigma * eps, with the very function the VAE trains with. numpy out."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from explorer.models.gaussian import GaussianPosterior, GaussianVAE, gaussian_kl, reparameterised_sample

ELLIPSE_SCALES = (1.0, 2.0)  # the outlines drawn: +-1 sigma and +-2 sigma
SAMPLE_COUNT = 8  # the posterior's samples decoded in a row
SAMPLES_SEED = 0  # those samples' draws: fixed, so the row stays put while "another epsilon" moves one sample


@dataclass(frozen=True)
class Posterior:
    """What the encoder says about one image: a Gaussian over codes, one independent bell per dimension."""

    mean: np.ndarray  # k, mu
    logvar: np.ndarray  # k, log sigma^2: what the encoder outputs
    sigma: np.ndarray  # k, exp(logvar / 2)

    @classmethod
    def from_arrays(cls, mean: np.ndarray, logvar: np.ndarray) -> Posterior:
        mean, logvar = np.asarray(mean, np.float32), np.asarray(logvar, np.float32)
        return cls(mean, logvar, np.exp(0.5 * logvar))


@torch.inference_mode()
def encode_posteriors(model: GaussianVAE, images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """N x 1 x 28 x 28 -> (mu, log sigma^2), each N x k."""
    posterior = model.encode(torch.from_numpy(np.ascontiguousarray(images, np.float32)))
    return posterior.mean.numpy(), posterior.logvar.numpy()


def posterior_of(model: GaussianVAE, image: np.ndarray) -> Posterior:
    mean, logvar = encode_posteriors(model, np.asarray(image, np.float32).reshape(1, 1, 28, 28))
    return Posterior.from_arrays(mean[0], logvar[0])


def epsilon(draw: int, k: int) -> np.ndarray:
    """The draw-th eps ~ N(0, I) of k numbers: seeded by the draw's number, so a link reproduces it."""
    return np.random.default_rng(draw).standard_normal(k).astype(np.float32)


def sample_epsilons(count: int, k: int, seed: int = SAMPLES_SEED) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((count, k)).astype(np.float32)


def reparameterise(posterior: Posterior, eps: np.ndarray) -> np.ndarray:
    """z = mu + sigma * eps for eps of shape k or N x k, through the model's own reparameterised_sample."""
    eps = np.asarray(eps, np.float32)
    batch = eps.reshape(-1, len(posterior.mean))
    posteriors = GaussianPosterior(torch.from_numpy(np.tile(posterior.mean, (len(batch), 1))),
                                   torch.from_numpy(np.tile(posterior.logvar, (len(batch), 1))))
    with torch.inference_mode():
        z = reparameterised_sample(posteriors, torch.from_numpy(batch)).numpy()
    return z.reshape(eps.shape)


@dataclass(frozen=True)
class Gradients:
    """How z moves when the encoder's outputs move, per dimension, by autograd through z = mu + sigma * eps."""

    by_mean: np.ndarray  # k, dz/dmu: 1
    by_sigma: np.ndarray  # k, dz/dsigma: eps
    by_logvar: np.ndarray  # k, dz/d log sigma^2: sigma * eps / 2


def gradients(posterior: Posterior, eps: np.ndarray) -> Gradients:
    """Each z_i depends only on mu_i, sigma_i and eps_i, so the sum's gradient holds each dz_i separately."""
    mean = torch.tensor(posterior.mean, requires_grad=True)
    sigma = torch.tensor(posterior.sigma, requires_grad=True)
    logvar = 2.0 * sigma.log()  # the same posterior, written through sigma, so dz/dsigma is a leaf's gradient
    logvar.retain_grad()
    z = reparameterised_sample(GaussianPosterior(mean[None], logvar[None]), torch.from_numpy(eps)[None])
    z.sum().backward()
    return Gradients(mean.grad.numpy(), sigma.grad.numpy(), logvar.grad.numpy())


def kl_per_dimension(posterior: Posterior) -> np.ndarray:
    """KL(N(mu, sigma^2) || N(0, 1)) of each dimension of the code, in nats, by the model's own formula."""
    with torch.inference_mode():
        kl = gaussian_kl(GaussianPosterior(torch.from_numpy(posterior.mean[None]),
                                           torch.from_numpy(posterior.logvar[None])))
    return kl[0].numpy()


def ellipse_outline(posterior: Posterior, scale: float, points: int = 121) -> np.ndarray:
    """points x 2: the axis-aligned ellipse mu +- scale * sigma of a diagonal Gaussian on dimensions 1 and 2
    (no tilt: the encoder gives each dimension its own sigma and no correlation)."""
    angle = np.linspace(0.0, 2.0 * np.pi, points)
    return posterior.mean[:2] + scale * posterior.sigma[:2] * np.stack([np.cos(angle), np.sin(angle)], axis=1)


def share_inside(scale: float) -> float:
    """The share of a 2-D Gaussian's draws that fall inside its +-scale sigma ellipse: 1 - exp(-scale^2 / 2)
    (the squared distance in sigmas follows a chi-square law with 2 degrees of freedom)."""
    return float(1.0 - np.exp(-0.5 * scale**2))
