"""The Sparse codes page's prediction: under the strongest penalty, how many units does a digit wake?"""

from __future__ import annotations

from explorer.core.prediction import Band, Prediction, band_of
from explorer.topics.sparse_codes.logic import NEAR_ZERO, Measured

CARD_ID = "sparse_codes_units_on"


def bands(units: int) -> tuple[Band, ...]:
    half, eighth = units // 2, units // 8
    return (Band(f"most of them (over {half})", half + 1, units + 1),
            Band(f"{eighth + 1} to {half}", eighth + 1, half + 1),
            Band(f"a handful ({eighth} or fewer)", 0, eighth + 1))


def units_on_prediction(strengths: list[float], measured: list[Measured]) -> Prediction:
    """The shipped runs, weakest penalty first, each with its measurements on the test digits."""
    first, last = measured[0], measured[-1]
    units = last.use.units
    pairs = zip(strengths, measured, strict=True)
    counts = ", ".join(f"λ = {strength:g}: {each.use.mean_active:.1f}" for strength, each in pairs)
    return Prediction(
        card_id=CARD_ID,
        question=(f"λ = {strengths[-1]:g}: how many of the {units} units does a test digit wake (above {NEAR_ZERO:g}), "
                  "on average?"),
        choices=tuple(band.label for band in bands(units)),
        answer=band_of(last.use.mean_active, bands(units)),
        measured=f"Units on (above the near-zero line) per test digit, on average: {counts}.",
        why=(f"The penalty charges every unit for every bit it is on, so the model keeps only a few units a digit "
             f"and lets each draw a bigger piece: from λ = {strengths[0]:g} to {strengths[-1]:g} its units' pictures "
             f"grow more digit-like ({first.likeness:.2f} → {last.likeness:.2f}), and the reconstruction error "
             f"grows too ({first.mse:.4f} → {last.mse:.4f})."),
    )
