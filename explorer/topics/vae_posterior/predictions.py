"""The Inside the VAE page's prediction: which digit's cloud costs the most KL?"""

from __future__ import annotations

import numpy as np

from explorer.core.glossary import term
from explorer.core.prediction import Prediction

CARD_ID = "vae_posterior_costliest_cloud"
DIGITS_ASKED = (0, 1, 7, 8)  # round, thin, thin, round: each a guess a student makes


def kl_parts(means: np.ndarray, logvars: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per image, the KL to N(0, I) in nats, split into where the cloud sits (mu^2 / 2) and how wide it is."""
    where = 0.5 * (means ** 2).sum(axis=1)
    width = 0.5 * (np.exp(logvars) - 1 - logvars).sum(axis=1)
    return where, width


def costliest_prediction(means: np.ndarray, logvars: np.ndarray, labels: np.ndarray) -> Prediction:
    """The test digits' posteriors (N x k mu and log sigma^2) and their labels."""
    where, width = kl_parts(means, logvars)
    mean_of = {digit: (where + width)[labels == digit].mean() for digit in DIGITS_ASKED}
    costliest = max(mean_of, key=mean_of.get)
    place = {digit: where[labels == digit].mean() for digit in range(10)}
    runner_up = max(value for digit, value in place.items() if digit != costliest)
    listed = ", ".join(f"{digit}s {mean_of[digit]:.1f}" for digit in DIGITS_ASKED)
    return Prediction(
        card_id=CARD_ID,
        question=(f"Of the test {', '.join(f'{digit}s' for digit in DIGITS_ASKED)}: whose clouds cost the most "
                  f"{term('KL')}, on average?"),
        choices=tuple(str(digit) for digit in DIGITS_ASKED),
        answer=str(costliest),
        measured=f"Mean KL of the test digits' clouds, in nats: {listed}.",
        why=(f"The KL charges a cloud for sitting away from the centre and for being narrow. The {costliest}s sit "
             f"farthest out: their place alone costs {place[costliest]:.1f} nats, against at most {runner_up:.1f} "
             f"for any other digit."),
    )
