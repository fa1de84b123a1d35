"""One heavy computation (diffusion samples at a new setting, say) on the server's work line: it waits for its
turn and runs in a thread of its own at a lower OS priority, while the sessions that want its result follow it,
shown its place in line and then its steps. Cancelled, it leaves the line at once if it has not started, and
stops at its next step if it has."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from explorer.core.priority import lower_this_thread
from explorer.core.work_line import Place, WorkLine

HEAVY_THREAD = "heavy-job"  # the worker thread's name
TURN_POLL_SECONDS = 0.5  # how often a job waiting for its turn looks whether it was cancelled

StepCallback = Callable[[int, int], None]  # (steps done, steps in all), called after every step


class Stopped(Exception):
    """Raised inside a computation at its next step once it was cancelled."""


class HeavyJob:
    def __init__(self, line: WorkLine, job: str, steps: int, step_seconds: float | None,
                 compute: Callable[[StepCallback], Any], on_end: Callable[[HeavyJob], None] = lambda job: None):
        """`compute(on_step)` makes the result, calling on_step(done, total) after every step; `on_end(self)`
        is called in the worker once it has ended (with `result` or `error` set, or neither when stopped)."""
        self.line, self._compute, self._on_end = line, compute, on_end
        self.ticket = line.join(job, steps, step_seconds)
        self.result: Any = None
        self.error: Exception | None = None
        self.finished = threading.Event()
        self._stop = threading.Event()
        self._progress = (0, steps)
        threading.Thread(target=self._work, name=HEAVY_THREAD, daemon=True).start()

    @property
    def started(self) -> bool:
        return self.ticket.started is not None

    def cancel(self) -> None:
        self._stop.set()
        self.line.withdraw(self.ticket)  # a job still waiting leaves now; a running one at its next step

    def _work(self) -> None:
        lower_this_thread()
        try:
            while not self._stop.is_set() and self.line.wait(self.ticket, TURN_POLL_SECONDS).ahead > 0:
                pass
            if not self._stop.is_set():
                self.result = self._compute(self._step)
        except Stopped:
            pass
        except Exception as error:  # the followers re-raise it in their own sessions
            self.error = error
        finally:
            self.line.leave(self.ticket)
            self._on_end(self)
            self.finished.set()

    def _step(self, done: int, total: int) -> None:
        self._progress = (done, total)
        self.line.progress(self.ticket, done, total)
        if self._stop.is_set():
            raise Stopped

    def follow(self, on_wait: Callable[[Place], None], on_step: StepCallback, poll_seconds: float = 0.5) -> Any:
        """The result, once made: until then `on_wait(place)` while the job waits for a worker and
        `on_step(done, total)` while it runs, every `poll_seconds`. Re-raises the job's error. An exception from a
        callback (Streamlit stopping the script) propagates: the caller decides whether the job goes on."""
        while True:
            if self.started:
                on_step(*self._progress)
            else:
                on_wait(self.line.place(self.ticket))
            if self.finished.wait(poll_seconds):
                break
        if self.error is not None:
            raise self.error
        return self.result
