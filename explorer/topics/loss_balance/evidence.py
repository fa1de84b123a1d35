"""What each shipped β run shows, measured rather than eyeballed: how digit-like its decodes of prior draws
are, how readable its reconstructions stay, how many latent dimensions are active by two rules, and how
far its codes sit from the centre of the prior."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from explorer.models.base import Autoencoder
from explorer.models.digit_likeness import DigitLikeness, class_probabilities, score_images
from explorer.topics.loss_balance.epoch_view import active_dimensions
from explorer.topics.loss_balance.references import ReferenceRun

PRIOR_DRAWS = 300  # decodes scored per run: another set of draws moves a run's confidence by up to about 0.02
DRAWS_SEED = 2016  # any fixed seed: the same draws for every run, on every server
CONFIDENCE_TIE = 0.05  # mean confidences closer than this are too close to call with PRIOR_DRAWS draws
MEAN_VARIANCE = 0.01  # Burda et al. (2016): a dimension is active when the variance of its mean code exceeds this


@dataclass(frozen=True)
class BetaEvidence:
    beta: float
    samples: DigitLikeness  # the classifier's verdict on PRIOR_DRAWS decodes of draws from N(0, I)
    read_right: float  # share of test reconstructions the classifier reads as the digit that went in
    active_by_kl: int  # this page's rule: mean KL above ACTIVE_KL (the KL bars' line)
    active_by_variance: int  # Burda et al.'s rule: the mean code varies over the data by more than MEAN_VARIANCE
    code_distance: float  # median distance of a test digit's mean code from the centre
    closest_code: float  # the smallest such distance: inside it lies no test digit's code


def prior_draws(latent_dim: int, count: int = PRIOR_DRAWS) -> np.ndarray:
    """The same draws from N(0, I) for every run, so the runs are compared on equal terms."""
    return np.random.default_rng(DRAWS_SEED).standard_normal((count, latent_dim)).astype(np.float32)


def distances(codes: np.ndarray) -> np.ndarray:
    """How far each code lies from the centre (a prior draw in k dimensions: about the square root of k)."""
    return np.linalg.norm(codes, axis=1)


@torch.inference_mode()
def measure_run(run: ReferenceRun, model: Autoencoder, classifier: nn.Module, test_images: np.ndarray,
                test_labels: np.ndarray, draws: np.ndarray) -> BetaEvidence:
    """One shipped run's evidence: its model on the whole test split and on the prior draws."""
    model.eval()
    means = model.encode(torch.from_numpy(test_images)).mean
    reconstructions = model.decode(means)  # the mean code, as the page's reconstructions use
    read = class_probabilities(classifier, reconstructions).argmax(dim=1).numpy()
    code_distances = distances(means.numpy())
    return BetaEvidence(
        beta=run.beta,
        samples=score_images(classifier, model.decode(torch.from_numpy(draws)).numpy()),
        read_right=float((read == test_labels).mean()),
        active_by_kl=active_dimensions(run.kl_per_dim),
        active_by_variance=int((means.var(dim=0) > MEAN_VARIANCE).sum()),
        code_distance=float(np.median(code_distances)),
        closest_code=float(code_distances.min()),
    )


def confidence_plateau(evidence: list[BetaEvidence], within: float = CONFIDENCE_TIE) -> list[float]:
    """The βs whose samples score within `within` of the most confident run (itself included)."""
    best = max(item.samples.mean_confidence for item in evidence)
    return [item.beta for item in evidence if item.samples.mean_confidence >= best - within]


@dataclass(frozen=True)
class GalleryEvidence:
    runs: list[BetaEvidence]  # smallest β first
    draws_distance: float  # median distance of the prior draws from the centre: where the prior's samples land
    draws_reach: float  # the largest: every draw lands inside it
    draws: int  # prior draws decoded per run
    test_images: int  # test digits reconstructed per run


def measure_runs(runs: list[ReferenceRun], models: list[Autoencoder], classifier: nn.Module,
                 test_images: np.ndarray, test_labels: np.ndarray) -> GalleryEvidence:
    draws = prior_draws(models[0].latent_dim)
    return GalleryEvidence(
        runs=[measure_run(run, model, classifier, test_images, test_labels, draws)
              for run, model in zip(runs, models, strict=True)],
        draws_distance=float(np.median(distances(draws))),
        draws_reach=float(distances(draws).max()),
        draws=len(draws),
        test_images=len(test_images),
    )
