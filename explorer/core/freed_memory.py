"""Memory that a server's ended sessions held, freed and given back to the system.

Two things keep it after a session ends. A session's objects that refer to one another (a page's figures, its
script run's frames) wait for Python's cyclic collector, which Streamlit runs after each script run: after the last
student's run there is none. And glibc's malloc keeps what Python frees in its arenas for reuse, so the server's
resident memory does not fall until it is asked to give it back (malloc_trim). A MemoryJanitor does both, every few
seconds while sessions are open and once more after the last of them has ended. No streamlit here:
explorer/ui/server/memory.py keeps one per server and gives it each session."""

from __future__ import annotations

import ctypes
import gc
import threading
import time
import weakref
from collections.abc import Callable


def give_back_freed_memory() -> bool:
    """Hand the memory malloc keeps free back to the system: True where that was done (glibc), else False."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        return False
    return True


class SessionMark:
    """An object that only one session's state holds: it is freed when the session's state is."""


class MemoryJanitor:
    """Counts the sessions alive through their marks; each sweep collects cyclic garbage and, when a session has
    ended since the last sweep, gives the freed memory back. `collect` and `give_back` are gc.collect and
    give_back_freed_memory; tests pass their own."""

    def __init__(self, collect: Callable[[], object] = gc.collect,
                 give_back: Callable[[], object] = give_back_freed_memory):
        self._collect, self._give_back = collect, give_back
        self._marks: weakref.WeakSet[SessionMark] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._alive_at_last_sweep = 0
        self.sessions_open = threading.Event()  # set while a mark is alive or an ended one is not yet swept

    def new_session(self) -> SessionMark:
        """A mark for a new session to hold in its state for as long as it lives."""
        mark = SessionMark()
        with self._lock:
            self._marks.add(mark)
            self._alive_at_last_sweep += 1
            self.sessions_open.set()
        return mark

    def alive(self) -> int:
        return len(self._marks)

    def sweep(self) -> bool:
        """Collect the garbage of ended sessions; where one has ended since the last sweep, give the memory back:
        whether it did."""
        self._collect()
        with self._lock:
            alive = len(self._marks)
            ended = alive < self._alive_at_last_sweep
            self._alive_at_last_sweep = alive
            if alive == 0:
                self.sessions_open.clear()
        if ended:
            self._give_back()
        return ended

    def run_forever(self, every_s: float) -> None:
        """A sweep every `every_s` while sessions are open, and none while the server has no visitor."""
        while True:
            self.sessions_open.wait()
            time.sleep(every_s)
            self.sweep()
