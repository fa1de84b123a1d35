"""Inside the VAE's sentences, written from the numbers the page computes (nothing about the models typed in)."""

from __future__ import annotations

import numpy as np

from explorer.core.glossary import term
from explorer.topics.vae_posterior.logic import ELLIPSE_SCALES, Posterior, share_inside
from explorer.topics.vae_posterior.measures import DecodedSamples, Proportion

SPECK = 0.25  # a +-2 sigma ellipse under this share of the codes' spread is too small to see on the whole plane


def _two(values: np.ndarray, digits: int = 3) -> str:
    return f"{values[0]:.{digits}f} and {values[1]:.{digits}f}"


def proportion_story(found: Proportion, test_count: int) -> str:
    widest = float((ELLIPSE_SCALES[-1] * found.ratio).max())
    return (f"**In proportion:** σ is {_two(found.sigma)} along dimensions 1 and 2 (the median over all "
            f"{test_count:,} test digits: {_two(found.typical_sigma)}), while the test digits' codes spread with a "
            f"standard deviation of {_two(found.code_spread, 2)}. So σ is {found.ratio[0]:.0%} and "
            f"{found.ratio[1]:.0%} of that spread, and even the ±{ELLIPSE_SCALES[-1]:g}σ ellipse reaches at most "
            f"{widest:.0%} of it to each side" + (": on the whole plane the cloud is a speck, hence the close-up."
                                                  if widest < SPECK else "."))


def ellipse_story() -> str:
    inner, outer = (share_inside(scale) for scale in ELLIPSE_SCALES)
    return (f"The ellipses stand square to the axes because the encoder gives each dimension its own σ and no "
            f"correlation (a *diagonal* Gaussian). Of many draws, {inner:.0%} land inside the solid ±1σ ellipse "
            f"and {outer:.0%} inside the dashed ±2σ one.")


def alike_story(samples: DecodedSamples, pair_difference: float) -> str:
    """`pair_difference`: the median squared error between the decodes of two random test digits; the samples'
    differences are summed up the same way, by their median."""
    median = float(np.median(samples.differences))
    return (f"The {len(samples.differences)} samples' decodes differ from the decode of μ by a mean squared "
            f"error of {median:.5f} (the median over the samples); the decodes of two test digits picked at random "
            f"differ by {pair_difference:.4f} (the median over pairs), {pair_difference / median:,.0f}× as much. "
            "The decoder was trained on "
            "draws from clouds like this one, never on μ alone, so it learned to decode the points of a cloud "
            "alike: nearby codes decode alike.")


def neighbour_story(number: int, label: int, sigmas: float, own_label: int | None) -> str:
    """`own_label`: the shown digit's label (None for the student's own digit): the neighbour may be the same digit."""
    reach = ELLIPSE_SCALES[-1]
    other = ("another test digit's code" if own_label is None else
             f"the code of another {label}" if label == own_label else f"the code of a {label}, another digit")
    where = (f"inside the dashed ellipse: this cloud reaches {other}" if sigmas <= reach
             else "outside the dashed ellipse: no other test digit's code lies in this cloud")
    return f"The nearest other test digit's μ (#{number}, a {label}) lies {sigmas:.1f}σ away, {where}."


def kl_story(kl: np.ndarray) -> str:
    return (f"{term('KL')}(N(μ, σ²) ‖ N(0, 1)) = ½ (μ² + σ² − 1 − log σ²) per dimension: {_two(kl, 2)} "
            f"{term('nats')}, "
            f"{float(kl.sum()):.2f} nats in all. It grows as μ moves away from 0 and σ away from 1: this term of "
            "the loss pulls every cloud towards N(0, I), while the reconstruction term wants small, separate "
            "clouds that say exactly which digit came in.")


def own_cloud_line(posterior: Posterior, shown_above: bool) -> str:
    where = ("The planes and the steps above show its cloud and its sample." if shown_above
             else "Switch on **Use my own digit** above to see its cloud and its sample.")
    return (f"**Your digit's posterior:** μ = ({posterior.mean[0]:.3f}, {posterior.mean[1]:.3f}), "
            f"σ = ({posterior.sigma[0]:.3f}, {posterior.sigma[1]:.3f}). {where}")


LOOK_FOR = ("Click dots of different digits: the cloud follows μ, and the close-up shows how far it reaches. "
            "Press **Draw another ε** and watch the red sample jump about inside the ellipses while the numbers "
            "and its decode change with it. Then set the size of the cloud against the whole plane.")

GRADIENT_WORDS = (
    "Training needs the derivative of the loss with respect to every weight of the encoder. If the VAE drew the "
    "code directly from N(μ, σ²), the code would be the result of a dice roll: change μ a little and you get "
    "another roll, not a slightly moved code, so there is no derivative of the code with respect to μ and σ, and "
    "the gradient stops at the draw. Written as **z = μ + σ·ε**, the dice roll moves into ε, which is drawn from "
    "N(0, 1) and does not depend on any weight. For that fixed ε the code is a plain, smooth sum: "
    "∂z/∂μ = 1 and ∂z/∂σ = ε. The gradient flows from the loss through the decoder and z back into μ and σ, and "
    "on into the encoder, as the red arrows show; ε is only an input, like the image.")
