"""An anonymous class tally: how many students of a class chose each answer of each prediction card.

Counts only: no names, no session ids. A vote hands back a receipt that the session keeps in its own state and
passes back with its next vote on the card, so that changing one's mind moves the vote instead of adding a
second one. One instance serves every session of a server, so every change happens under one lock."""

from __future__ import annotations

import itertools
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

MAX_CLASSES = 200  # class ids kept; a new lesson link makes a new id, so old ones pile up: the least recent goes


@dataclass(frozen=True)
class Receipt:
    """What a session keeps of its vote: enough to take it back, nothing that names the session."""

    class_id: str
    card_id: str
    choice: str
    serial: int  # which life of the class the vote was counted in: a class dropped and begun again is another


@dataclass
class _Class:
    serial: int
    cards: dict[str, Counter[str]] = field(default_factory=dict)


def counted_here(receipt: Receipt, class_id: str, card_id: str, serial: int) -> bool:
    return (receipt.class_id, receipt.card_id, receipt.serial) == (class_id, card_id, serial)


class ClassTally:
    def __init__(self, max_classes: int = MAX_CLASSES):
        if max_classes < 1:
            raise ValueError("a tally keeps at least one class")
        self.max_classes = max_classes
        self._lock = threading.Lock()
        self._classes: OrderedDict[str, _Class] = OrderedDict()
        self._serials = itertools.count()

    def vote(self, class_id: str, card_id: str, choice: str, previous: Receipt | None = None) -> Receipt:
        """Count `choice` for this class and card, taking back `previous` (the receipt of this session's last
        vote on the card) if it was counted in this same class and card."""
        with self._lock:
            entry = self._classes.pop(class_id, None) or _Class(next(self._serials))
            self._classes[class_id] = entry  # now the most recent
            counts = entry.cards.setdefault(card_id, Counter())
            if previous is not None and counted_here(previous, class_id, card_id, entry.serial):
                counts[previous.choice] = max(counts[previous.choice] - 1, 0)
            counts[choice] += 1
            while len(self._classes) > self.max_classes:
                self._classes.popitem(last=False)
            return Receipt(class_id, card_id, choice, entry.serial)

    def counts(self, class_id: str, card_id: str) -> dict[str, int]:
        """Votes per choice (choices with none left out)."""
        with self._lock:
            entry = self._classes.get(class_id)
            counts = entry.cards.get(card_id, Counter()) if entry else Counter()
            return {choice: count for choice, count in counts.items() if count > 0}
