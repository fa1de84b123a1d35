"""A prediction card's content: a question with choices, and the answer measured from the shipped models (or
from the student's own run). Each topic's predictions.py builds one; explorer/ui/shared/prediction_card.py shows it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Prediction:
    card_id: str  # one per card: the class tally's key
    question: str  # short enough for the card's folded title
    choices: tuple[str, ...]
    answer: str  # the choice the measurement picks, never a typed-in key
    measured: str  # the measurement behind it, with its numbers
    why: str  # one sentence on why

    def __post_init__(self):
        if len(set(self.choices)) != len(self.choices) or len(self.choices) < 2:
            raise ValueError(f"{self.card_id}: a card needs two or more different choices")
        if self.answer not in self.choices:
            raise ValueError(f"{self.card_id}: the measured answer {self.answer!r} is none of the choices")


@dataclass(frozen=True)
class OpenQuestion:
    """A card whose answer is measured later, from something the student does on the page (a run of their own):
    asked now, revealed once the measurement exists."""

    card_id: str
    question: str
    choices: tuple[str, ...]
    until: str  # what the student does first, in words


@dataclass(frozen=True)
class Band:
    """A choice that names a range of a measured number: low <= value < high."""

    label: str
    low: float
    high: float


def band_of(value: float, bands: Sequence[Band]) -> str:
    """The label of the band that holds `value`; the bands must cover it."""
    for band in bands:
        if band.low <= value < band.high:
            return band.label
    raise ValueError(f"{value} lies in none of the bands {[band.label for band in bands]}")


def percent(share: float) -> str:
    return f"{100 * share:.0f}%"
