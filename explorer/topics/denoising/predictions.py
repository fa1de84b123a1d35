"""The Denoising page's prediction: which noise can an autoencoder that only learned to copy take off?"""

from __future__ import annotations

from explorer.core.noise import NOISE_KINDS
from explorer.core.prediction import Prediction
from explorer.topics.denoising.logic import PsnrCurves

CARD_ID = "denoising_plain_cleans"
LEVEL = 0.2  # not the level the page opens on (0.3)
KIND_NAMES = {"gaussian": "Gaussian", "salt_pepper": "salt and pepper", "masking": "masking"}


def gains_at(curves: PsnrCurves, level: float) -> dict[str, float]:
    """Per noise kind: mean PSNR of the plain autoencoder's output minus that of its noisy input, in dB."""
    at = curves.levels.index(level)
    return {kind: curves.plain[kind][at] - curves.noisy[kind][at] for kind in NOISE_KINDS}


def plain_cleans_prediction(curves: PsnrCurves) -> Prediction:
    at = curves.levels.index(LEVEL)
    gains = gains_at(curves, LEVEL)
    best = max(gains, key=gains.get)
    steps = "; ".join(f"{KIND_NAMES[kind]} {curves.noisy[kind][at]:.1f} → {curves.plain[kind][at]:.1f} dB "
                      f"({gains[kind]:+.1f})".replace("-", "−") for kind in NOISE_KINDS)
    return Prediction(
        card_id=CARD_ID,
        question=(f"Noise at level {LEVEL:g}: which kind does the plain autoencoder clean up best, raising the PSNR "
                  "from its noisy input the most?"),
        choices=tuple(KIND_NAMES[kind] for kind in NOISE_KINDS),
        answer=KIND_NAMES[best],
        measured=f"Mean PSNR over the test digits, noisy input → plain autoencoder (higher is cleaner): {steps}.",
        why=("The plain autoencoder draws the digits it learned, on a black background. Masking only takes ink "
             "away, so its drawing fills the gaps; the other two speckle the background, and it draws ink "
             f"there too. Close this card and pick each noise at level {LEVEL:g} to see it."),
    )
