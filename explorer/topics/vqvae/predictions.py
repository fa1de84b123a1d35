"""The VQ-VAE page's prediction: how many codebook entries do real digits leave unused?"""

from __future__ import annotations

from explorer.core.prediction import Band, Prediction, band_of
from explorer.topics.vqvae.logic import Usage

CARD_ID = "vqvae_unused_entries"


def bands(size: int) -> tuple[Band, ...]:
    quarter = size // 4
    return (Band("none", 0, 1), Band(f"a few (1 to {quarter - 1})", 1, quarter),
            Band(f"about half ({quarter} to {size - quarter - 1})", quarter, size - quarter),
            Band(f"most ({size - quarter} or more)", size - quarter, size + 1))


def unused_prediction(usage: Usage, cells_per_digit: int) -> Prediction:
    """`usage`: how the test digits' cells use the codebook."""
    size, dead = usage.codebook_size, len(usage.dead)
    cells = int(usage.counts.sum())
    return Prediction(
        card_id=CARD_ID,
        question=(f"Each of a digit's {cells_per_digit} cells picks one of {size} codebook entries. "
                  "How many entries do the test digits never pick?"),
        choices=tuple(band.label for band in bands(size)),
        answer=band_of(dead, bands(size)),
        measured=(f"The test digits' {cells:,} cells pick {size - dead} of the {size} entries, leaving {dead} "
                  f"unused; the picks are as spread out as {usage.perplexity:.0f} entries used equally often "
                  "(the perplexity)."),
        why=("In training, an entry that almost no cell picks is moved onto a vector that cells do produce, so "
             "every entry stays in play. Go deeper below to see how often each one is picked."),
    )
