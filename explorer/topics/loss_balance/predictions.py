"""The Loss balance page's prediction: at a large β, how many dimensions of the code still carry anything?"""

from __future__ import annotations

from explorer.core.glossary import term
from explorer.core.prediction import Band, Prediction, band_of
from explorer.topics.loss_balance.epoch_view import active_dimensions
from explorer.topics.loss_balance.references import ReferenceRun
from explorer.topics.loss_balance.settings import ACTIVE_KL

CARD_ID = "loss_balance_active_dimensions"


def bands(latent_dim: int) -> tuple[Band, ...]:
    """All of them, then the rest cut in three."""
    third = latent_dim // 3
    cuts = [0, third + 1, 2 * third + 1, latent_dim]
    ranges = [Band(f"{low} to {high - 1}", low, high) for low, high in zip(cuts, cuts[1:], strict=False)]
    return (Band(f"all {latent_dim}", latent_dim, latent_dim + 1), *reversed(ranges))


def active_prediction(runs: list[ReferenceRun]) -> Prediction:
    """`runs`: the shipped β runs, smallest β first; the question is about the largest."""
    largest = runs[-1]
    latent_dim = len(largest.kl_per_dim)
    counts = ", ".join(f"β = {run.beta:g}: {active_dimensions(run.kl_per_dim)}" for run in runs)
    active = active_dimensions(largest.kl_per_dim)
    return Prediction(
        card_id=CARD_ID,
        question=(f"β = {largest.beta:g}: how many of the {latent_dim} dimensions stay active, with a mean "
                  f"{term('KL')} above {ACTIVE_KL:g} {term('nats', 'nat')}?"),
        choices=tuple(band.label for band in bands(latent_dim)),
        answer=band_of(active, bands(latent_dim)),
        measured=(f"Dimensions of the code with a mean KL above {ACTIVE_KL:g} nat, in the shipped runs: {counts}."),
        why=("β is the price of every nat of KL, so a large β makes the VAE give up the dimensions it can spare: "
             "their codes match the prior's noise whatever the digit, and the decoder learns to ignore them."),
    )
