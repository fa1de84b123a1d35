"""What every epoch of a run on the student's data set shows: fixed held-out images and their reconstructions,
a map of the codes, and decodes of random codes; computed in the training thread, numpy arrays back."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from explorer.core.pca import fit_pca, pca_project
from explorer.models.base import Autoencoder, LossParts
from explorer.models.gaussian import GaussianVAE
from explorer.topics.own_dataset.training import SEED, Split
from explorer.training.fit import EpochReport, evaluate

SHOWN_IMAGES = 8  # held-out images reconstructed every epoch
SHOWN_SAMPLES = 8  # random codes decoded every epoch
MAP_IMAGES = 1000  # images whose codes the map shows: enough to see groups, few enough to draw every epoch
LOSS_PER_IMAGE = "loss per image"  # what the status line and the chart call the loss, in nats
LOSS_UNIT = "the cross-entropy summed over its 784 pixels, plus the KL for a VAE"
COVARIANCE_FLOOR = 1e-6  # keeps the fitted bell curve's covariance invertible when codes collapse onto a line


@dataclass(frozen=True)
class Probe:
    """What every epoch is shown on, fixed for the whole run."""

    shown: np.ndarray  # SHOWN_IMAGES x 1 x 28 x 28, held-out images
    map_images: np.ndarray  # m x 1 x 28 x 28, from the whole set
    map_labels: np.ndarray | None  # m class indices, None without labels
    noise: np.ndarray  # SHOWN_SAMPLES x k, draws from N(0, I)


def make_probe(images: np.ndarray, labels: np.ndarray | None, split: Split, latent_dim: int) -> Probe:
    rng = np.random.default_rng(SEED)
    shown = rng.choice(split.held_out, size=min(SHOWN_IMAGES, len(split.held_out)), replace=False)
    on_map = np.sort(rng.choice(len(images), size=min(MAP_IMAGES, len(images)), replace=False))
    return Probe(
        shown=images[shown],
        map_images=images[on_map],
        map_labels=None if labels is None else labels[on_map],
        noise=rng.standard_normal((SHOWN_SAMPLES, latent_dim)).astype(np.float32),
    )


@dataclass(frozen=True)
class EpochView:
    """Everything the page draws for one epoch of a run."""

    epoch: int
    epochs: int
    train: LossParts[float]  # mean per image on the training images, measured after the epoch like held_out
    held_out: LossParts[float]  # the same on the held-out images
    train_mse: float  # per pixel, of the training images' reconstructions after the epoch
    held_out_mse: float  # per pixel, of the held-out images' reconstructions
    images_per_second: float
    reconstructions: np.ndarray  # SHOWN_IMAGES x 1 x 28 x 28
    samples: np.ndarray  # SHOWN_SAMPLES x 1 x 28 x 28: decodes of random codes
    map_2d: np.ndarray  # m x 2: the codes' first two principal components (the codes themselves at k = 2)
    map_share: float  # share of the codes' variance the map's two directions show


def map_of(codes: np.ndarray) -> tuple[np.ndarray, float]:
    """(m x 2 points, share of the variance they show): the codes at k <= 2, else their top two principal
    components, each axis's sign fixed by fit_pca so that the map does not mirror from epoch to epoch."""
    if codes.shape[1] <= 2:
        return np.pad(codes, ((0, 0), (0, 2 - codes.shape[1]))), 1.0
    basis = fit_pca(codes, codes.shape[1])
    variance = basis.explained_variance
    share = float(variance[:2].sum() / variance.sum()) if variance.sum() > 0 else 1.0
    return pca_project(basis, codes, 2), share


def uses_prior(model: Autoencoder) -> bool:
    """Whether sample_codes draws from the model's own prior (a VAE) or a bell curve fitted to its codes (an AE)."""
    return isinstance(model, GaussianVAE)


def sample_codes(model: Autoencoder, codes: np.ndarray, noise: np.ndarray) -> np.ndarray:
    """Random codes to decode. A VAE's prior N(0, I) is part of its training, so its draws are the noise itself.
    A plain AE has no prior: its draws come from a bell curve fitted to its own codes (their mean and
    covariance), mean + L·noise with L L^T the covariance."""
    if uses_prior(model):
        return noise
    covariance = np.atleast_2d(np.cov(codes, rowvar=False)) + COVARIANCE_FLOOR * np.eye(codes.shape[1])
    return (codes.mean(axis=0) + noise @ np.linalg.cholesky(covariance).T).astype(np.float32)


@torch.inference_mode()
def view_epoch(probe: Probe, train_images: np.ndarray, model: Autoencoder, report: EpochReport) -> EpochView:
    """The probe seen through the model wherever it trains (CPU or GPU), and the loss on the training images
    measured after the epoch, as the held-out images' is: the report's own training loss is averaged while the
    weights were still changing, so early on it makes the held-out images look as good or better.
    partial(view_epoch, probe, train_images) is what train_live calls after each epoch."""
    model.eval()
    device = next(model.parameters()).device

    def run(function, array: np.ndarray) -> np.ndarray:
        return function(torch.from_numpy(np.ascontiguousarray(array, np.float32)).to(device)).cpu().numpy()

    codes = run(model.embed, probe.map_images)
    map_2d, share = map_of(codes)
    trained = evaluate(model, train_images, device=device)
    return EpochView(
        epoch=report.epoch,
        epochs=report.epochs,
        train=trained.loss,
        held_out=report.test.loss,
        train_mse=trained.pixels.mse,
        held_out_mse=report.test.pixels.mse,
        images_per_second=report.images_per_second,
        reconstructions=run(model.reconstruct, probe.shown),
        samples=run(model.decode, sample_codes(model, codes, probe.noise)),
        map_2d=map_2d,
        map_share=share,
    )
