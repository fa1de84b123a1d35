"""The Home page's prediction: after a trip through a short code, can a digit still be read?"""

from __future__ import annotations

from explorer.core.data import PIXELS
from explorer.core.prediction import Band, Prediction, band_of, percent

CARD_ID = "home_still_readable"
BANDS = (Band("under 50%", 0.0, 0.5), Band("50% to 80%", 0.5, 0.8), Band("80% or more", 0.8, 1.01))


def readable_prediction(code_size: int, reconstructions_read: float, originals_read: float) -> Prediction:
    """Shares of the test split the digit classifier reads right: reconstructions, and the originals."""
    return Prediction(
        card_id=CARD_ID,
        question=(f"After {PIXELS} pixels go through {code_size} numbers, what share of the test digits' "
                  "reconstructions does the digit classifier still read right?"),
        choices=tuple(band.label for band in BANDS),
        answer=band_of(reconstructions_read, BANDS),
        measured=(f"The digit classifier reads {percent(reconstructions_read)} of the autoencoder's reconstructions "
                  f"of the test digits right, against {percent(originals_read)} of the originals."),
        why=(f"Training taught the {code_size} numbers to hold what makes a digit that digit (its strokes, slant "
             "and thickness), so that is what the decoder can draw back; the Bottleneck page shows what smaller "
             "codes lose."),
    )
