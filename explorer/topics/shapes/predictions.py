"""The Shapes page's prediction: does a larger β untangle the factors, as MIG scores it?"""

from __future__ import annotations

from explorer.core.glossary import term
from explorer.core.prediction import Prediction
from explorer.topics.shapes.shipped import ShippedRun
from explorer.topics.shapes.story import HELD, holders, trend

CARD_ID = "shapes_mig_trend"
CHOICES = {"rises": "it rises", "overlaps": "no clear change", "falls": "it falls"}


def mig_prediction(runs: list[ShippedRun]) -> Prediction:
    """The shipped runs, smallest β first."""
    first, last = runs[0], runs[-1]
    spreads = "; ".join(f"β = {run.beta:g}: " + ", ".join(f"{mig:.2f}" for mig in run.seed_migs) for run in runs)
    shared = [f"{factor} over {count} dimensions" for factor, count in holders(last).items() if count > 1]
    return Prediction(
        card_id=CARD_ID,
        question=(f"β from {first.beta:g} to {last.beta:g}: what happens to the disentanglement score, "
                  f"{term('MIG')} (a change is clear only if all {len(first.seed_migs)} seeds at one β score above "
                  "all at the other)?"),
        choices=tuple(CHOICES.values()),
        answer=CHOICES[trend(first, last)],
        measured=f"MIG of {len(first.seed_migs)} trainings per β that differ only in their seed: {spreads}. A change "
                 "counts as clear when every seed at one β scores above every seed at the other.",
        why=(f"MIG rewards each factor living in one dimension of its own. A larger β squeezes the code (at β = "
             f"{last.beta:g} only {int(last.scores.active.sum())} dimensions stay in use in the shipped run), but "
             "squeezing does not make one dimension take one factor"
             + (f": there, the code spreads {' and '.join(shared)} (each holding at least {HELD:.0%} of it)."
                if shared else ".")),
    )
