"""Whether a visitor's page is running now, or ended so recently that their browser may still be drawing it: the
start-up work (warm_up.py) waits while it is. app_navigation.py wraps every visit's page run in `page_run()`, so
this needs nothing of Streamlit's internals."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

# After a visitor's run ends, their browser still draws what it sent: 1.5 to 2.6 s for a new tab of a page with
# Plotly charts on 2 cores. Where the browser shares the server's machine (a teacher running the app on a
# laptop), the start-up work waits that long before it takes the CPU again.
DRAWING_S = 3.0


class VisitorRuns:
    def __init__(self, clock=time.monotonic) -> None:
        self.clock = clock
        self.lock = threading.Lock()
        self.running = 0  # visitors' page runs in progress
        self.last_ended: float | None = None  # when the last of them ended

    @contextmanager
    def page_run(self) -> Iterator[None]:
        """Around a visitor's page run; its end counts however it ends (finished, stopped, rerun, an error)."""
        with self.lock:
            self.running += 1
        try:
            yield
        finally:
            with self.lock:
                self.running -= 1
                self.last_ended = self.clock()

    def busy(self) -> bool:
        """A visitor's page is running, or ended less than DRAWING_S ago."""
        with self.lock:
            return self.running > 0 or (self.last_ended is not None and self.clock() - self.last_ended < DRAWING_S)


VISITOR_RUNS = VisitorRuns()  # the server's one: every session's page runs in this process
