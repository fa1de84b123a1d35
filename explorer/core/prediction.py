"""A prediction card's content: a question with choices, and the answer measured from the shipped models (or
from the student's own run). Each topic's predictions.py builds one; explorer/ui/shared/prediction_card.py shows it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# A choice is a plain answer, never an argument for itself (issue 26: "the conv AE: its filters slide with the
# digit" argued for one choice): at most PLAIN_WORDS words, no clause after a colon, semicolon, dash or comma,
# and none of the words that start a reason.
PLAIN_WORDS = 8
REASON_WORDS = ("because", "since", "so", "as", "thanks", "due", "its", "their", "which", "that", "while", "whereas",
                "but", "if")
_CLAUSE = re.compile(r"[:;,—–]| - ")


def argument_in(choice: str) -> str | None:
    """What makes `choice` more than a plain answer, in words; None when it is plain."""
    words = re.findall(r"[\w'-]+", choice.lower())
    if len(words) > PLAIN_WORDS:
        return f"{len(words)} words, over {PLAIN_WORDS}"
    if _CLAUSE.search(choice):
        return f"a clause after {_CLAUSE.search(choice).group().strip()!r}"
    reasons = [word for word in words if word in REASON_WORDS]
    return f"the word {reasons[0]!r}" if reasons else None


def _check_choices(card_id: str, choices: tuple[str, ...]) -> None:
    if len(set(choices)) != len(choices) or len(choices) < 2:
        raise ValueError(f"{card_id}: a card needs two or more different choices")
    for choice in choices:
        if argument_in(choice):
            raise ValueError(f"{card_id}: the choice {choice!r} argues ({argument_in(choice)}); make it a plain answer")


@dataclass(frozen=True)
class Prediction:
    card_id: str  # one per card: the class tally's key
    question: str  # names the rule the reveal uses wherever a threshold or a band decides the answer
    choices: tuple[str, ...]
    answer: str  # the choice the measurement picks, never a typed-in key
    measured: str  # the measurement behind it, with its numbers
    why: str  # one sentence on why

    def __post_init__(self):
        _check_choices(self.card_id, self.choices)
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

    def __post_init__(self):
        _check_choices(self.card_id, self.choices)


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
