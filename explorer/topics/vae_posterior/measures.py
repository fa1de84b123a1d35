"""Numbers that put one digit's posterior in proportion: its sigma against the spread of all codes, and how much
the decodes of its samples differ from the decode of its mu, against two test digits picked at random."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.models.base import Autoencoder
from explorer.models.inference import decode, per_image_mse
from explorer.topics.vae_posterior.logic import Posterior

PAIR_COUNT = 300  # random pairs of test digits whose decodes are compared: the yardstick for "alike"
PAIR_SEED = 0


@dataclass(frozen=True)
class Proportion:
    sigma: np.ndarray  # k, this digit's sigma
    code_spread: np.ndarray  # k, the standard deviation of all test digits' mu, per dimension
    typical_sigma: np.ndarray  # k, the median sigma over the test digits

    @property
    def ratio(self) -> np.ndarray:
        """sigma as a share of the codes' spread, per dimension."""
        return self.sigma / self.code_spread


def proportion(posterior: Posterior, means: np.ndarray, logvars: np.ndarray) -> Proportion:
    """means, logvars: N x k, the test digits' posteriors."""
    return Proportion(posterior.sigma, means.std(axis=0), np.median(np.exp(0.5 * logvars), axis=0))


def nearest_other(posterior: Posterior, means: np.ndarray, itself: int | None) -> tuple[int, float]:
    """The test digit whose mu lies nearest this mu (not the digit itself), and that distance counted in this
    posterior's sigmas (each dimension's difference divided by its sigma)."""
    distances = np.sqrt((((means - posterior.mean) / posterior.sigma) ** 2).sum(axis=1))
    if itself is not None:
        distances[itself] = np.inf
    nearest = int(distances.argmin())
    return nearest, float(distances[nearest])


@dataclass(frozen=True)
class DecodedSamples:
    mean_decode: np.ndarray  # 1 x 28 x 28, the decode of mu
    decodes: np.ndarray  # S x 1 x 28 x 28, the samples' decodes
    differences: np.ndarray  # S, each sample decode's MSE from the decode of mu


def decode_samples(model: Autoencoder, posterior: Posterior, samples: np.ndarray) -> DecodedSamples:
    images = decode(model, np.concatenate([posterior.mean[None], samples]).astype(np.float32))
    return DecodedSamples(images[0], images[1:], per_image_mse(images[1:], np.repeat(images[:1], len(samples), 0)))


def decode_code(model: Autoencoder, code: np.ndarray) -> np.ndarray:
    """k -> 1 x 28 x 28, the decode of one code."""
    return decode(model, np.asarray(code, np.float32)[None])[0]


def random_pairs(size: int, count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """`count` pairs of different indices below `size`."""
    rng = np.random.default_rng(seed)
    first = rng.integers(0, size, count)
    return first, (first + rng.integers(1, size, count)) % size  # a step of 1 to size - 1: never the same


def random_pair_difference(model: Autoencoder, means: np.ndarray, count: int = PAIR_COUNT,
                           seed: int = PAIR_SEED) -> float:
    """The median MSE between the decodes of the mu of two different test digits picked at random."""
    first, second = random_pairs(len(means), count, seed)
    images = decode(model, np.concatenate([means[first], means[second]]).astype(np.float32))
    return float(np.median(per_image_mse(images[:count], images[count:])))
