"""The Loss-balance gallery's sentences, written from the measured evidence of the shipped β runs; the
claims behind their wording are checked against the shipped models in tests/unit/test_claims_loss_balance.py."""

from __future__ import annotations

import math

from explorer.core.glossary import term
from explorer.models.digit_judge import STANDARD_ERRORS
from explorer.topics.loss_balance.evidence import (
    MEAN_VARIANCE,
    BetaEvidence,
    GalleryEvidence,
    judged_plateau,
)
from explorer.topics.loss_balance.settings import ACTIVE_KL

BETA_HELP = (
    "A VAE learns two jobs at once: reconstruct each digit, and keep its codes close to the *prior* N(0, I), "
    "a bell curve centred on 0 with a spread of 1, so that codes drawn from the prior decode to new digits. "
    "KL (Kullback–Leibler divergence) measures how far the codes stray from the prior, in nats (information "
    f"counted with natural logarithms; one nat is {1 / math.log(2):.2f} bits). β = 0: only the reconstruction "
    "counts, a plain autoencoder with noisy codes. β = 1: the standard VAE. Above 1: codes pulled harder "
    "towards the prior, at the price of blurrier reconstructions."
)


def judged_real(run: BetaEvidence) -> float:
    return run.judged.share_real


def betas_in_words(betas: list[float]) -> str:
    """[0.5, 1, 2] -> "β = 0.5, 1 and 2"."""
    names = [f"{beta:g}" for beta in betas]
    return "β = " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])


def ladder_cells(run: BetaEvidence) -> tuple[str, str]:
    """Beside a row of the β ladder: how many reconstructions the classifier reads right, and how many decodes
    of prior draws the digit judge calls real (the classifier's confidence in them beside, on the same line, so that
    the ladder's rows stay one picture high)."""
    return f"{run.read_right:.0%}", f"**{judged_real(run):.1%}** · {run.samples.mean_confidence:.2f}"


READ_RIGHT_HELP = ("The share of all {images:,} test reconstructions that the digit classifier reads as the "
                   "digit that went in.")
JUDGED_HELP = ("The share of {draws:,} decodes of draws from the prior that the digit judge calls real (real "
               "held-out digits: {real:.0%}; its reference ladder is under Go deeper). After the dot, the digit "
               "classifier's confidence in them, which it gives even to static.")


def gallery_introduction(gallery: GalleryEvidence) -> str:
    judged = gallery.runs[0].judged
    return ("The ladder at the top of the page is the same VAE trained at each β with the same seed. Beside "
            "the reconstructions, *read right*: the share of all "
            f"{gallery.test_images:,} test reconstructions that the shipped digit classifier (the Diffusion page's) "
            "reads as the digit that went in. Beside the decodes of draws from the prior, *judged real*: the share "
            f"of {judged.images:,} decodes that the **digit judge** calls real, where real held-out digits score "
            f"{gallery.real.share_real:.0%} (how it judges, and what it makes of static, is in its ladder below). "
            f"Under it, the classifier's *confidence* in {gallery.draws:,} of them, which cannot tell a digit from "
            "static: it must name a digit for any picture.")


def look_for_words(gallery: GalleryEvidence | None) -> str:
    """The page's "What to look for", with the numbers of the shipped runs when they could be measured."""
    if gallery is None:
        return ("Read the ladder downwards, from the smallest β to the largest. On the left the reconstructions "
                "blur as β grows. On the right the decodes of random codes from the prior turn into digits.")
    first, last = gallery.runs[0], gallery.runs[-1]
    plateau_betas = judged_plateau(gallery.runs)
    plateau = [run for run in gallery.runs if run.beta in plateau_betas]
    low, high = min(map(judged_real, plateau)), max(map(judged_real, plateau))
    best = f"{low:.0%}" if f"{low:.0%}" == f"{high:.0%}" else f"{low:.0%}–{high:.0%}"
    fewer_again = ("" if last.beta in plateau_betas
                   else f", then fewer again at β = {last.beta:g} ({judged_real(last):.0%})")
    return (f"Read the ladder downwards, from β = {first.beta:g} to {last.beta:g}. On the left the reconstructions "
            f"blur: the digit classifier reads {first.read_right:.0%} of them right at β = {first.beta:g}, "
            f"{last.read_right:.0%} at β = {last.beta:g}. On the right the decodes of random codes from the prior "
            f"turn into digits: the digit judge calls {judged_real(first):.1%} of them real at β = {first.beta:g}, "
            f"{best} at {betas_in_words(plateau_betas)}{fewer_again} (real digits: {gallery.real.share_real:.0%}).")


def reconstruction_summary(gallery: GalleryEvidence) -> str:
    first, last = gallery.runs[0], gallery.runs[-1]
    return (f"Reconstructions blur as β grows. The classifier reads {first.read_right:.0%} of them as "
            f"the right digit at β = {first.beta:g} and {last.read_right:.0%} at β = {last.beta:g}: blurrier, "
            "yet most are still readable.")


def variety_words(gallery: GalleryEvidence) -> str:
    """What FID adds: the decodes' variety, which the share judged real does not see."""
    runs, last = gallery.runs, gallery.runs[-1]
    closest = min(runs, key=lambda run: run.judged.fid)
    words = (f"**FID** (0: the decodes' features spread like the real digits') is lowest at β = {closest.beta:g} "
             f"({closest.judged.fid:.0f}) and highest at β = {runs[0].beta:g} ({runs[0].judged.fid:.0f}).")
    if last is not closest and last.judged.recall < closest.judged.recall:
        words += (f" At β = {last.beta:g} it is {last.judged.fid:.0f}: its decodes cover less of the real digits' "
                  f"variety, a **recall** of {last.judged.recall:.0%} against {closest.judged.recall:.0%} at "
                  f"β = {closest.beta:g} (the share of real digits near some decode).")
    return words


def samples_summary(gallery: GalleryEvidence) -> str:
    runs = gallery.runs
    first, last = runs[0], runs[-1]
    best = max(runs, key=judged_real)
    others = [beta for beta in judged_plateau(runs) if beta != best.beta]
    close = ""
    if others:
        come = "comes" if len(others) == 1 else "come"
        close = (f" {betas_in_words(others)} {come} within {STANDARD_ERRORS:g} standard errors of it: too close to "
                 "call with these draws.")
    spread = min(run.samples.class_spread for run in runs[1:])
    return (f"A draw from the prior lands a median {gallery.draws_distance:.1f} "
            f"from the centre, and every one within {gallery.draws_reach:.1f}. At β = {first.beta:g} the codes of "
            f"the test digits lie a median {first.code_distance:.1f} from it and none closer than "
            f"{first.closest_code:.1f}: the draws land where no digit's code lies, and the digit judge calls only "
            f"**{judged_real(first):.1%}** of their decodes real. The larger β, the closer the codes are pulled in: "
            f"{last.code_distance:.1f} at β = {last.beta:g}. The share judged real peaks at β = {best.beta:g}, with "
            f"**{judged_real(best):.1%}** (real held-out digits: {gallery.real.share_real:.0%}).{close} "
            f"{variety_words(gallery)} Above β = {first.beta:g} the classifier's answers spread over the ten "
            f"digits at {spread:.2f} or more (1: all equally often): the samples never settle on a few digits.")


def active_rule_comparison(gallery: GalleryEvidence, latent_dim: int) -> str:
    """How this page's count of active dimensions compares with Burda et al.'s, at the largest shipped β."""
    last = gallery.runs[-1]
    return (f"By that test the shipped β = {last.beta:g} run keeps {last.active_by_variance} of {latent_dim} "
            f"dimensions active, against {last.active_by_kl} by this page's rule.")


ELBO_WORDS = r"""
**The ELBO.** A VAE's encoder does not give one code per digit but a small cloud: a mean and a spread for each
dimension of the code. Training maximises the *evidence lower bound* (ELBO), a floor under how probable the model
finds the training digits, which has two parts. The reconstruction term asks that codes drawn from the cloud
decode back to the digit. The KL term measures how far the cloud is from the *prior* """ + term("N(0, I)") + r""", the
bell curve that we later sample from. The loss here is reconstruction $+\ \beta\cdot$ KL, with the
reconstruction scored by binary cross-entropy, which treats every pixel as a coin flip between black and
white. At β = 1 that is exactly the negative ELBO only for such black-or-white pixels (a *Bernoulli* decoder);
MNIST's pixels come in shades of grey, so here it is a close stand-in for it.

**The reparameterisation trick.** Drawing a random code would block the gradient, so the code is written as
$\mu + \sigma\cdot\varepsilon$ with $\varepsilon$ drawn from $\mathcal N(0, I)$ on its own. The randomness
sits in $\varepsilon$; $\mu$ and $\sigma$ are ordinary outputs of the encoder that gradients can reach.
"""

BETA_EFFECTS = r"""
**What each β does.**
- *β = 0*: only reconstruction counts. Reconstructions are sharpest, but the KL grows large and the codes
  spread far from the centre, so draws from the prior land where no digit's code lies and often decode to
  shapes that are no clear digit.
- *β near 1*: a balance. Reconstructions soften a little; the codes gather around the centre, where the
  prior's draws land, and the decodes of those draws look more like digits.
- *Large β*: staying close to the prior is worth more than reconstructing well. Watch the KL bars: dimension
  after dimension drops below the line and carries almost nothing about the digit (*posterior collapse*),
  reconstructions blur, though most stay readable, and the point on the rate-distortion curve slides to the
  left (less KL) and up (worse reconstruction).
"""


def active_dimensions_words(gallery: GalleryEvidence | None, latent_dim: int) -> str:
    """What this page calls an active dimension, against the usual test; with the shipped runs' numbers when
    the classifier could score them."""
    return (
        f"**Active dimensions.** This page calls a dimension of the code *active* when its KL, averaged over test "
        f"digits, is above {ACTIVE_KL:g} nat: below that it tells the decoder almost nothing about which digit came "
        "in. That is this page's own rule of thumb. The usual test, from Burda, Grosse and Salakhutdinov (2016), "
        "asks instead whether the dimension's mean code changes from digit to digit (its variance over the data "
        f"above {MEAN_VARIANCE:g}), which is far easier to pass. "
        + (active_rule_comparison(gallery, latent_dim) if gallery else "")
    )
