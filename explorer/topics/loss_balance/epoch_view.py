"""What every epoch of a Loss-balance run shows: a fixed probe of test images and prior draws, seen
through the model as it trains."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from explorer.core.pca import fit_pca, pca_project
from explorer.models.base import Autoencoder, LossParts
from explorer.models.gaussian import gaussian_kl
from explorer.topics.loss_balance.settings import ACTIVE_KL, SCATTER_IMAGES, SEED, SHOWN_IMAGES, SHOWN_SAMPLES
from explorer.training.fit import EpochReport


@dataclass(frozen=True)
class Probe:
    """What every epoch is shown on: fixed test images, fixed prior draws, codes of a test sample."""

    images: np.ndarray  # SHOWN_IMAGES x 1 x 28 x 28
    prior: np.ndarray  # SHOWN_SAMPLES x k, draws from N(0, I)
    scatter_images: np.ndarray  # m x 1 x 28 x 28
    scatter_labels: np.ndarray  # m


def make_probe(test_images: np.ndarray, test_labels: np.ndarray, latent_dim: int) -> Probe:
    rng = np.random.default_rng(SEED)
    shown = rng.choice(len(test_images), size=SHOWN_IMAGES, replace=False)
    scatter = rng.choice(len(test_images), size=min(SCATTER_IMAGES, len(test_images)), replace=False)
    return Probe(
        images=test_images[shown],
        prior=rng.standard_normal((SHOWN_SAMPLES, latent_dim)).astype(np.float32),
        scatter_images=test_images[scatter],
        scatter_labels=test_labels[scatter],
    )


@dataclass(frozen=True)
class EpochView:
    """Everything the page draws for one epoch of a run."""

    epoch: int
    epochs: int
    train: LossParts[float]  # mean per image
    test: LossParts[float]
    images_per_second: float
    reconstructions: np.ndarray  # SHOWN_IMAGES x 1 x 28 x 28
    samples: np.ndarray  # SHOWN_SAMPLES x 1 x 28 x 28
    kl_per_dim: np.ndarray  # k, mean over the scatter images, nats
    codes_2d: np.ndarray  # m x 2: the codes themselves at k = 2, else their first two principal components
    code_means: np.ndarray  # k: where the traversal starts

    @property
    def active_dims(self) -> int:
        return active_dimensions(self.kl_per_dim)


def active_dimensions(kl_per_dim: np.ndarray) -> int:
    return int((np.asarray(kl_per_dim) > ACTIVE_KL).sum())


def project_2d(codes: np.ndarray) -> np.ndarray:
    """k = 2: the codes; otherwise their projection onto the two directions they vary most along, each
    direction's sign fixed as fit_pca fixes it, so that the scatter does not mirror from one epoch to the next."""
    if codes.shape[1] <= 2:
        return np.pad(codes, ((0, 0), (0, 2 - codes.shape[1])))
    return pca_project(fit_pca(codes, 2), codes, 2)


@torch.inference_mode()
def view_epoch(probe: Probe, model: Autoencoder, report: EpochReport) -> EpochView:
    """The probe seen through the model wherever it trains (CPU or GPU); numpy arrays back.
    partial(view_epoch, probe) is what train_live calls after each epoch."""
    model.eval()
    device = next(model.parameters()).device

    def run(function, array: np.ndarray) -> torch.Tensor:
        return function(torch.from_numpy(array).to(device))

    posterior = run(model.encode, probe.scatter_images)
    codes = posterior.mean.cpu().numpy()
    return EpochView(
        epoch=report.epoch,
        epochs=report.epochs,
        train=report.train,
        test=report.test.loss,
        images_per_second=report.images_per_second,
        reconstructions=run(model.reconstruct, probe.images).cpu().numpy(),
        samples=run(model.decode, probe.prior).cpu().numpy(),
        kl_per_dim=gaussian_kl(posterior).mean(dim=0).cpu().numpy(),
        codes_2d=project_2d(codes),
        code_means=codes.mean(axis=0),
    )
