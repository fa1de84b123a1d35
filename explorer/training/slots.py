"""A process-wide line for live training: at most `capacity` runs train at once, the rest wait in order.

Every Streamlit session of one server shares one TrainingSlots (explorer.ui.shared.resources.training_slots),
so a classroom of students cannot make a 2-core server train thirty models at once; a waiting
session can show its place in line.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

SLOTS_ENV = "EXPLORER_TRAINING_SLOTS"


def default_capacity(device_type: str) -> int:
    """$EXPLORER_TRAINING_SLOTS, else 1 on a CPU (a second run would only halve both) and 4 on a GPU."""
    configured = os.environ.get(SLOTS_ENV, "").strip()
    if configured:
        try:
            capacity = int(configured)
        except ValueError:
            capacity = 0
        if capacity < 1:
            raise ValueError(f"{SLOTS_ENV} must be a whole number of at least 1, not {configured!r}")
        return capacity
    return 1 if device_type == "cpu" else 4


class Ticket:
    """One session's place in line; compare by identity."""


class TrainingSlots:
    def __init__(self, capacity: int):
        if capacity < 1:
            raise ValueError("at least one run must be able to train")
        self.capacity = capacity
        self._line: list[Ticket] = []  # training tickets first, then the waiting ones in arrival order
        self._changed = threading.Condition()

    def join(self) -> Ticket:
        with self._changed:
            ticket = Ticket()
            self._line.append(ticket)
            return ticket

    def leave(self, ticket: Ticket) -> None:
        with self._changed:
            if ticket in self._line:
                self._line.remove(ticket)
                self._changed.notify_all()

    def runs_ahead(self, ticket: Ticket) -> int:
        """0: this ticket may train now; n: n waiting runs must start before it does."""
        with self._changed:
            return max(0, self._line.index(ticket) - self.capacity + 1)

    def wait(self, ticket: Ticket, timeout: float) -> int:
        """Wait up to `timeout` seconds for a slot; returns runs_ahead (0 once the ticket may train)."""
        with self._changed:
            self._changed.wait_for(lambda: self._line.index(ticket) < self.capacity, timeout=timeout)
        return self.runs_ahead(ticket)

    @property
    def training(self) -> int:
        with self._changed:
            return min(len(self._line), self.capacity)

    @contextmanager
    def place_in_line(self) -> Iterator[Ticket]:
        """A ticket for the duration of the block, given back however the block ends (also when interrupted)."""
        ticket = self.join()
        try:
            yield ticket
        finally:
            self.leave(ticket)

    @contextmanager
    def hold(self, on_wait: Callable[[int], None], poll_seconds: float = 0.5) -> Iterator[None]:
        """A slot for the duration of the block. Until one is free, `on_wait(runs ahead)` is called every
        `poll_seconds`: a page shows the place in line there, and an exception it raises (Streamlit stopping
        the script because a widget moved) gives the place up."""
        with self.place_in_line() as ticket:
            while (ahead := self.wait(ticket, timeout=poll_seconds)) > 0:
                on_wait(ahead)
            yield
