"""What each shipped β run shows, measured rather than eyeballed: how many of its decodes of prior draws the
digit judge calls real (shipped: scripts/pretrained_groups/judged_samples.py), how readable its reconstructions
stay, how many latent dimensions are active by two rules, and how far its codes sit from the centre of the
prior. Measured when the app is built (the digit_judge group: scoring seven runs took a fresh server seconds),
shipped in the manifest and read by the page."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from explorer.checkpoints.store import PretrainedStore
from explorer.models.base import Autoencoder
from explorer.models.digit_judge import JudgeScores, judged, too_close_to_call
from explorer.models.digit_likeness import DigitLikeness, class_probabilities, score_images
from explorer.topics.loss_balance.epoch_view import active_dimensions
from explorer.topics.loss_balance.references import ReferenceRun, load_reference_runs

PRIOR_DRAWS = 300  # decodes the classifier scores per run: another set of draws moves a run's confidence by ~0.02
DRAWS_SEED = 2016  # any fixed seed: the same draws for every run, on every server
MEAN_VARIANCE = 0.01  # Burda et al. (2016): a dimension is active when the variance of its mean code exceeds this
SHIPPED_KEY = "loss_balance_gallery"  # where the digit_judge group's manifest section keeps the measured numbers
MEASURED = ("read_right", "active_by_kl", "active_by_variance", "code_distance", "closest_code")  # of BetaEvidence


@dataclass(frozen=True)
class BetaEvidence:
    beta: float
    judged: JudgeScores  # the digit judge's verdict on decodes of draws from N(0, I) (shipped, more draws)
    samples: DigitLikeness  # the classifier's verdict on PRIOR_DRAWS decodes of the first of the same draws
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
                test_labels: np.ndarray, draws: np.ndarray, judged: JudgeScores) -> BetaEvidence:
    """One shipped run's evidence: its model on the whole test split and on the prior draws, and the judge's
    shipped verdict on them."""
    model.eval()
    means = model.encode(torch.from_numpy(test_images)).mean
    reconstructions = model.decode(means)  # the mean code, as the page's reconstructions use
    read = class_probabilities(classifier, reconstructions).argmax(dim=1).numpy()
    code_distances = distances(means.numpy())
    return BetaEvidence(
        beta=run.beta,
        judged=judged,
        samples=score_images(classifier, model.decode(torch.from_numpy(draws)).numpy()),
        read_right=float((read == test_labels).mean()),
        active_by_kl=active_dimensions(run.kl_per_dim),
        active_by_variance=int((means.var(dim=0) > MEAN_VARIANCE).sum()),
        code_distance=float(np.median(code_distances)),
        closest_code=float(code_distances.min()),
    )


def judged_plateau(evidence: list[BetaEvidence]) -> list[float]:
    """The βs whose decodes are judged real too close to the best run's share to call (itself included)."""
    best = max(evidence, key=lambda item: item.judged.share_real)
    return [item.beta for item in evidence if item is best or too_close_to_call(item.judged, best.judged)]


def judged_by_beta(scores: dict[str, JudgeScores], betas: list[float]) -> list[JudgeScores]:
    """The digit judge's shipped verdicts (keyed by β as the loss_balance group names its runs), in `betas`'
    order; KeyError for a β it did not judge."""
    by_value = {float(beta): verdict for beta, verdict in scores.items()}
    missing = [beta for beta in betas if beta not in by_value]
    if missing:
        raise KeyError(f"the digit judge has no verdict on the β runs {missing}")
    return [by_value[beta] for beta in betas]


@dataclass(frozen=True)
class GalleryEvidence:
    runs: list[BetaEvidence]  # smallest β first
    draws_distance: float  # median distance of the prior draws from the centre: where the prior's samples land
    draws_reach: float  # the largest: every draw lands inside it
    draws: int  # prior draws the classifier scores per run
    real: JudgeScores  # the digit judge's verdict on real held-out digits: the ceiling
    test_images: int  # test digits reconstructed per run


def measure_runs(runs: list[ReferenceRun], models: list[Autoencoder], classifier: nn.Module,
                 test_images: np.ndarray, test_labels: np.ndarray, judged: dict[str, JudgeScores],
                 real: JudgeScores) -> GalleryEvidence:
    """judged: the digit judge's shipped verdicts by β (the digit_judge group's "loss_balance" page); real: its
    verdict on real held-out digits (the group's ladder)."""
    draws = prior_draws(models[0].latent_dim)
    verdicts = judged_by_beta(judged, [run.beta for run in runs])
    return GalleryEvidence(
        runs=[measure_run(run, model, classifier, test_images, test_labels, draws, verdict)
              for run, model, verdict in zip(runs, models, verdicts, strict=True)],
        draws_distance=float(np.median(distances(draws))),
        draws_reach=float(distances(draws).max()),
        draws=len(draws),
        real=real,
        test_images=len(test_images),
    )


def judge_verdicts(judge_section: dict) -> tuple[dict[str, JudgeScores], JudgeScores]:
    """The digit judge's shipped verdicts on the β runs (by β) and on real held-out digits, from its group's
    manifest section."""
    return judged(judge_section["pages"]["loss_balance"]), JudgeScores.from_json(judge_section["ladder"]["real"])


def measure_shipped(store: PretrainedStore, classifier: nn.Module, test_images: np.ndarray, test_labels: np.ndarray,
                    judge_section: dict) -> GalleryEvidence:
    """measure_runs on every shipped β run of `store`."""
    runs = load_reference_runs(store)
    return measure_runs(runs, [store.load_model(run.name) for run in runs], classifier, test_images, test_labels,
                        *judge_verdicts(judge_section))


def gallery_to_json(gallery: GalleryEvidence) -> dict:
    """What the classifier and the codes showed, as the manifest keeps it; the judge's verdicts are in its own
    entries (the group's "pages" and "ladder"), not repeated."""
    runs = {f"{run.beta:g}": {"samples": run.samples.to_json()} | {key: getattr(run, key) for key in MEASURED}
            for run in gallery.runs}
    return {"runs": runs, "draws_distance": gallery.draws_distance, "draws_reach": gallery.draws_reach,
            "draws": gallery.draws, "test_images": gallery.test_images}


def shipped_gallery(judge_section: dict, betas: list[float]) -> GalleryEvidence:
    """The evidence measured at build time for these β runs (smallest first), read from the digit_judge group's
    manifest section; KeyError when the build lacks it for one of them."""
    shipped, (verdicts, real) = judge_section[SHIPPED_KEY], judge_verdicts(judge_section)
    by_beta = {float(beta): values for beta, values in shipped["runs"].items()}
    missing = [beta for beta in betas if beta not in by_beta]
    if missing:
        raise KeyError(f"the measured evidence of the β runs {missing}")
    runs = [BetaEvidence(beta=beta, judged=verdict, samples=DigitLikeness.from_json(by_beta[beta]["samples"]),
                         **{key: by_beta[beta][key] for key in MEASURED})
            for beta, verdict in zip(betas, judged_by_beta(verdicts, betas), strict=True)]
    return GalleryEvidence(runs=runs, draws_distance=shipped["draws_distance"], draws_reach=shipped["draws_reach"],
                           draws=shipped["draws"], real=real, test_images=shipped["test_images"])
