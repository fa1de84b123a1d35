"""The Latent map page's prediction: decode random codes, and which model draws digits?"""

from __future__ import annotations

from explorer.core.glossary import term
from explorer.core.prediction import Prediction
from explorer.models.digit_judge import JudgeScores

CARD_ID = "latent_map_random_codes"
TIE = 0.05  # shares judged real closer than this (5 points) are called alike
CHOICES = {"ae": "the plain autoencoder", "vae": "the VAE", "tie": "both alike"}


def random_codes_prediction(judged: dict[str, JudgeScores], real: JudgeScores, code_size: int) -> Prediction:
    """`judged`: the digit judge's scores of this code size's strips (decoded N(0, I) draws under "ae_normal" and
    "vae_normal"); `real`: its score of real held-out digits, the ceiling."""
    ae, vae = judged["ae_normal"], judged["vae_normal"]
    gap = vae.share_real - ae.share_real
    answer = "tie" if abs(gap) < TIE else ("vae" if gap > 0 else "ae")
    return Prediction(
        card_id=CARD_ID,
        question=(f"Decode random draws from {term('N(0, I)')} at k = {code_size}: whose decodes does the digit "
                  f"judge call real more often (within {TIE:.0%} counts as alike)?"),
        choices=tuple(CHOICES.values()),
        answer=CHOICES[answer],
        measured=(f"Rule: the model with more decodes judged real wins; within {TIE:.0%} of each other, both alike. "
                  f"Over {vae.images:,} draws, the digit judge finds real: plain autoencoder **{ae.share_real:.1%}**"
                  f", VAE **{vae.share_real:.1%}** (real held-out digits: {real.share_real:.0%}; see its ladder "
                  f"under Go deeper). The classifier's confidence, beside it: {ae.mean_confidence:.2f} and "
                  f"{vae.mean_confidence:.2f}."),
        why=("The VAE is trained to keep its codes where N(0, I) puts its draws; the plain autoencoder puts its "
             "codes wherever suits it, so most draws land where it has no codes. Click a black cross on the "
             "maps to see one draw through both models."),
    )
