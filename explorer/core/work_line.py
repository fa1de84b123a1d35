"""One line per server for heavy work (live training, diffusion sampling: seconds of CPU each): at most `capacity`
jobs run at once, the rest wait in arrival order, so a light page run shares the CPU with at most that many heavy
jobs however many students wait. Each ticket knows its place, and the line estimates its wait from what is ahead:
the running jobs' remaining steps and the waiting jobs' costs, at step times measured on this server.

No streamlit here: explorer/ui/server/work_line.py keeps the server's one line.
"""

from __future__ import annotations

import heapq
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

LINE_ENV = "EXPLORER_HEAVY_WORKERS"
OLD_LINE_ENV = "EXPLORER_TRAINING_SLOTS"  # its name when only live training went through the line; still read


def default_capacity(device_type: str) -> int:
    """$EXPLORER_HEAVY_WORKERS (or the older $EXPLORER_TRAINING_SLOTS), else 1 on a CPU (a second job would only
    halve both and take the core from the page runs) and 4 on a GPU."""
    for name in (LINE_ENV, OLD_LINE_ENV):
        configured = os.environ.get(name, "").strip()
        if configured:
            try:
                capacity = int(configured)
            except ValueError:
                capacity = 0
            if capacity < 1:
                raise ValueError(f"{name} must be a whole number of at least 1, not {configured!r}")
            return capacity
    return 1 if device_type == "cpu" else 4


@dataclass(eq=False)
class Ticket:
    """One job's place in line (compared by identity): its kind, its size in steps (epochs, sampling steps) and
    the caller's guess of a step's seconds, used until the line has measured steps of this kind."""

    job: str
    steps: int
    step_seconds: float | None = None
    done: int = 0  # steps done so far
    started: float | None = None  # the line's clock when the ticket reached a worker


@dataclass(frozen=True)
class Place:
    """Where a ticket stands: `ahead` waiting jobs start before it (0: it runs, or may run now), and the
    estimated seconds until it starts (None while a job ahead has no step time measured or guessed)."""

    ahead: int
    wait_s: float | None


class WorkLine:
    def __init__(self, capacity: int, clock: Callable[[], float] = time.monotonic):
        if capacity < 1:
            raise ValueError("at least one job must be able to run")
        self.capacity = capacity
        self._clock = clock
        self._line: list[Ticket] = []  # running tickets first, then the waiting ones in arrival order
        self._measured: dict[str, float] = {}  # seconds per step of each kind of job, as last measured here
        self._changed = threading.Condition()

    def join(self, job: str, steps: int, step_seconds: float | None = None) -> Ticket:
        with self._changed:
            ticket = Ticket(job, steps, step_seconds)
            self._line.append(ticket)
            self._start_the_first()
            return ticket

    def leave(self, ticket: Ticket) -> None:
        with self._changed:
            if ticket in self._line:
                self._line.remove(ticket)
                self._start_the_first()
                self._changed.notify_all()

    def withdraw(self, ticket: Ticket) -> bool:
        """Leave unless the ticket has reached a worker (its job then ends itself); True if it left."""
        with self._changed:
            if ticket.started is not None:
                return False
            self.leave(ticket)
            return True

    def _start_the_first(self) -> None:
        for ticket in self._line[:self.capacity]:
            if ticket.started is None:
                ticket.started = self._clock()

    def progress(self, ticket: Ticket, done: int, steps: int | None = None) -> None:
        """A running job has done `done` of its steps: its own pace, and the pace of its kind on this server."""
        with self._changed:
            ticket.done, ticket.steps = done, steps or ticket.steps
            if done > 0 and ticket.started is not None:
                self._measured[ticket.job] = (self._clock() - ticket.started) / done

    def step_seconds(self, job: str, guess: float | None = None) -> float | None:
        """A step of this kind of job on this server: as last measured, else the caller's guess."""
        with self._changed:
            return self._measured.get(job, guess)

    def place(self, ticket: Ticket) -> Place:
        """A ticket that has left the line stands nowhere: Place(0, 0.0)."""
        with self._changed:
            if ticket not in self._line:
                return Place(0, 0.0)
            index = self._line.index(ticket)
            if index < self.capacity:
                return Place(0, 0.0)
            return Place(index - self.capacity + 1, self._wait_behind(self._line[:index]))

    def forecast(self) -> Place:
        """The place and wait a job joining now would get."""
        with self._changed:
            return Place(max(0, len(self._line) - self.capacity + 1), self._wait_behind(self._line))

    def wait(self, ticket: Ticket, timeout: float) -> Place:
        """Wait up to `timeout` seconds for the ticket to reach a worker (or leave the line); its place then."""
        with self._changed:
            self._changed.wait_for(lambda: ticket not in self._line or self._line.index(ticket) < self.capacity,
                                   timeout=timeout)
        return self.place(ticket)

    @property
    def running(self) -> int:
        with self._changed:
            return min(len(self._line), self.capacity)

    @property
    def waiting(self) -> int:
        with self._changed:
            return max(0, len(self._line) - self.capacity)

    def _seconds_left(self, ticket: Ticket) -> float | None:
        if ticket.done > 0 and ticket.started is not None:  # its own pace so far
            return (self._clock() - ticket.started) / ticket.done * (ticket.steps - ticket.done)
        step = self._measured.get(ticket.job, ticket.step_seconds)
        if step is None:
            return None
        elapsed = 0.0 if ticket.started is None else self._clock() - ticket.started
        return max(0.0, step * ticket.steps - elapsed)

    def _wait_behind(self, ahead: list[Ticket]) -> float | None:
        """Seconds until a worker is free for a job behind `ahead` (the line's first tickets, in order): each
        waiting job takes the worker that frees first."""
        costs = [self._seconds_left(ticket) for ticket in ahead]
        if any(cost is None for cost in costs):
            return None
        free_at = costs[:self.capacity] + [0.0] * (self.capacity - len(costs[:self.capacity]))
        heapq.heapify(free_at)
        for cost in costs[self.capacity:]:
            heapq.heappush(free_at, heapq.heappop(free_at) + cost)
        return free_at[0]

    @contextmanager
    def hold(self, job: str, steps: int, on_wait: Callable[[Place], None], step_seconds: float | None = None,
             poll_seconds: float = 0.5) -> Iterator[Ticket]:
        """A worker's place for the block, for a job whose work runs beside the caller. Until one is free,
        `on_wait(place)` is called every `poll_seconds`: a page shows the place there, and an exception it raises
        (Streamlit stopping the script because a widget moved) gives the place up at once."""
        ticket = self.join(job, steps, step_seconds)
        try:
            while (place := self.wait(ticket, timeout=poll_seconds)).ahead > 0:
                on_wait(place)
            yield ticket
        finally:
            self.leave(ticket)
