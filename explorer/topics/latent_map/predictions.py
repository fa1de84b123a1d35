"""The Latent map page's prediction: decode random codes, and which model draws digits?"""

from __future__ import annotations

from explorer.core.glossary import term
from explorer.core.prediction import Prediction

CARD_ID = "latent_map_random_codes"
TIE = 0.05  # mean confidences closer than this are called alike
CHOICES = {"ae": "the plain autoencoder", "vae": "the VAE", "tie": "both alike"}


def random_codes_prediction(likeness: dict, code_size: int) -> Prediction:
    """`likeness`: the manifest's digit-likeness scores at this code size (its "samples": decoded N(0, I)
    draws; its "redrawn_test": reconstructed test digits, as DigitLikeness JSON)."""
    samples = likeness["samples"]
    ae, vae = (samples[name]["mean_confidence"] for name in ("ae_normal", "vae_normal"))
    redrawn = likeness["redrawn_test"]["vae"]["mean_confidence"]
    answer = "tie" if abs(ae - vae) < TIE else ("vae" if vae > ae else "ae")
    draws = samples["vae_normal"]["images"]
    return Prediction(
        card_id=CARD_ID,
        question=(f"Decode random draws from {term('N(0, I)')} at k = {code_size}: whose decodes get the higher mean "
                  f"confidence from the digit classifier (within {TIE:g} counts as alike)?"),
        choices=tuple(CHOICES.values()),
        answer=CHOICES[answer],
        measured=(f"Over {draws:,} draws, the digit classifier's mean confidence in the decodes: plain "
                  f"autoencoder {ae:.2f}, VAE {vae:.2f} (the VAE's reconstructions of test digits: {redrawn:.2f})."),
        why=("The VAE is trained to keep its codes where N(0, I) puts its draws; the plain autoencoder puts its "
             "codes wherever suits it, so most draws land where it has no codes. Click a black cross on the "
             "maps to see one draw through both models."),
    )
