"""The page's sentences about the shipped runs, written from their measurements, never typed in."""

from __future__ import annotations

from explorer.topics.sparse_codes.logic import Measured
from explorer.topics.sparse_codes.shipped import ShippedRun


def trend(first: float, last: float, up: str, down: str, level: str = "stay level") -> str:
    return up if last > first else down if last < first else level


def share(value: float) -> str:
    return f"{value:.0%}"


def look_for_text(runs: list[ShippedRun], measured: list[Measured]) -> str:
    """What to notice as λ grows: the units in use, the error, the dead units and the features, from the first
    run to the last."""
    first, last = measured[0], measured[-1]
    weakest, strongest = runs[0].label, runs[-1].label
    units = first.use.units
    return (
        f"Step the penalty up from {weakest} to {strongest}. The units a test digit uses "
        f"{trend(first.use.mean_active, last.use.mean_active, 'rise', 'fall')} from {first.use.mean_active:.0f} to "
        f"{last.use.mean_active:.0f} of {units} on average, and the reconstruction error "
        f"{trend(first.mse, last.mse, 'grows', 'shrinks')} from {first.mse:.4f} to {last.mse:.4f}: that is the "
        f"trade. Units that no test digit wakes "
        f"{trend(first.use.dead_share, last.use.dead_share, 'grow', 'shrink')} from {share(first.use.dead_share)} "
        f"to {share(last.use.dead_share)} of the code, and the features still in use "
        f"{feature_trend(first, last)}."
    )


def feature_trend(first: Measured, last: Measured) -> str:
    words = trend(first.likeness, last.likeness, "look more and more like whole digits",
                  "look less like whole digits, more like parts", "look as much like whole digits")
    return (f"{words} (how alike a feature's ink is to its nearest test digit, median over the units in use: "
            f"{first.likeness:.2f}, then {last.likeness:.2f}; 1 would be a test digit exactly)")


def dead_at_no_penalty(run: ShippedRun, measured: Measured) -> str:
    """Why units die even without a penalty, when they do."""
    if run.strength > 0 or measured.use.dead_share == 0:
        return ""
    return (f" Even at {run.label}, {share(measured.use.dead_share)} of the units are dead: a ReLU unit that comes "
            "out 0 for every training digit gets no gradient, so training never brings it back, and its "
            "picture stays the noise it started as.")


def strokes_or_templates(runs: list[ShippedRun], measured: list[Measured]) -> str:
    """What the shipped pictures turn into as λ grows, read from how alike their ink is to whole test digits."""
    values = ", ".join(f"{m.likeness:.2f} at {run.label}" for run, m in zip(runs, measured, strict=True))
    first, last = measured[0].likeness, measured[-1].likeness
    if last > first:
        verdict = ("here, as λ grows, the units in use draw more and more of a whole digit: with a strong penalty "
                   "each becomes a template of one way of writing a digit, and a digit is written with the few "
                   "templates nearest it")
    else:
        verdict = "here the units in use draw no more of a whole digit as λ grows: they stay parts"
    return (f"**Strokes or whole digits?** Pictures of sparse units in textbooks are often pen strokes; {verdict}. "
            f"How alike a picture's ink is to its nearest test digit (cosine, median over the units in use): "
            f"{values}.")
