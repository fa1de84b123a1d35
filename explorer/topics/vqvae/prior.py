"""The prior over token grids: what it is trained on, its loss, and grids sampled from it or drawn uniformly,
decoded by the VQ-VAE, scored by the shipped digit classifier and measured against the nearest real digit."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from explorer.core.neighbours import nearest_mse
from explorer.models.digit_likeness import DigitLikeness, score_images
from explorer.models.token_prior import TokenPrior
from explorer.models.vq_vae import GRID, VQVAE
from explorer.topics.vqvae.logic import decode_grids, encode, uniform_grids

TRAIN_SHIFTS = (-1, 0, 1)  # the prior learns the grids of every training digit moved by up to a pixel each way
CLOSENESS_GRIDS = 200  # grids of each kind decoded to measure how near real digits they lie
CLOSENESS_SEED = 0


def shifted(images: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """N x 1 x 28 x 28 images moved by (dy, dx) pixels, black filling in."""
    moved = np.roll(np.asarray(images, np.float32), (dy, dx), axis=(-2, -1))
    if dy:
        moved[..., slice(0, dy) if dy > 0 else slice(dy, None), :] = 0
    if dx:
        moved[..., :, slice(0, dx) if dx > 0 else slice(dx, None)] = 0
    return moved


def training_grids(model: VQVAE, images: np.ndarray, shifts: tuple[int, ...] = TRAIN_SHIFTS) -> np.ndarray:
    """The token grids of the training digits, each also shifted: M x 49, row by row."""
    grids = [encode(model, shifted(images, dy, dx)).tokens for dy in shifts for dx in shifts]
    return np.concatenate(grids).reshape(-1, GRID * GRID)


def next_token_loss(prior: nn.Module, grids: torch.Tensor, _targets, _generator) -> torch.Tensor:
    """Cross-entropy of each token given the ones before it (explorer.training.steps's BatchLoss)."""
    logits = prior(grids)  # N x 49 x K
    return F.cross_entropy(logits.transpose(1, 2), grids.long())


@torch.inference_mode()
def mean_bits(prior: TokenPrior, grids: np.ndarray) -> float:
    """The mean bits per grid the prior needs to write down these grids (its negative log2-likelihood)."""
    prior.eval()
    return float(prior.nll_bits(torch.from_numpy(np.asarray(grids).reshape(-1, GRID * GRID))).mean())


def prior_grids(prior: TokenPrior, count: int, seed: int) -> np.ndarray:
    """count x 7 x 7 grids sampled from the prior, cell by cell."""
    prior.eval()
    return prior.sample(count, torch.Generator().manual_seed(seed)).view(count, GRID, GRID).numpy()


@dataclass(frozen=True)
class Samples:
    grids: np.ndarray  # N x 7 x 7
    images: np.ndarray  # N x 28 x 28, decoded
    scores: DigitLikeness  # the classifier's verdict on them


def sampled(model: VQVAE, classifier: nn.Module, grids: np.ndarray, method: str) -> Samples:
    images = decode_grids(model, grids)
    return Samples(np.asarray(grids), images, replace(score_images(classifier, images), method=method))


def prior_samples(model: VQVAE, prior: TokenPrior, classifier: nn.Module, count: int, seed: int) -> Samples:
    return sampled(model, classifier, prior_grids(prior, count, seed), "token grids sampled from the prior")


def uniform_samples(model: VQVAE, classifier: nn.Module, count: int, seed: int) -> Samples:
    grids = uniform_grids(model.config.codebook_size, count, seed)
    return sampled(model, classifier, grids, "token grids drawn uniformly at random")


@dataclass(frozen=True)
class Closeness:
    """How far decodes lie from real handwriting: the median, over a batch, of each image's pixel MSE to its
    nearest training digit."""

    grids: int  # grids of each kind decoded
    prior: float  # grids sampled from the prior
    uniform: float  # grids drawn uniformly
    real: float  # the reference: real test digits, each to its nearest training digit
    real_images: int


def median_to_nearest(reference: np.ndarray, images: np.ndarray) -> float:
    return float(np.median(nearest_mse(reference, images)))


def closeness(model: VQVAE, prior: TokenPrior, train_images: np.ndarray, test_images: np.ndarray,
              count: int = CLOSENESS_GRIDS, seed: int = CLOSENESS_SEED) -> Closeness:
    sampled_images = decode_grids(model, prior_grids(prior, count, seed))
    uniform_images = decode_grids(model, uniform_grids(model.config.codebook_size, count, seed))
    return Closeness(count, median_to_nearest(train_images, sampled_images),
                     median_to_nearest(train_images, uniform_images),
                     median_to_nearest(train_images, test_images), len(test_images))

