"""Memory that a server's sessions have freed, given back to the system while a class works and after it has left.

Two things keep it. A session's objects that refer to one another (a page's figures, its script run's frames) wait
for Python's cyclic collector, which Streamlit runs after each script run: after the last student's run there is
none. And glibc's malloc keeps what Python and torch free in its arenas for reuse, so the server's resident memory
does not fall until it is asked to give it back (malloc_trim): a trim in the middle of a traced class of 10 handed
back 364 MB of 2,470 (docs/benchmarks.md). A MemoryJanitor does both, every few seconds while sessions are open and
once more after the last of them has ended, then waits for the next session. No streamlit here:
explorer/ui/server/memory.py keeps one per server and marks each session.

And fewer arenas: glibc gives each thread that finds the others' arenas busy a new one, up to 8 a core it sees
(not the cores the server may use), and each arena keeps its own free memory. Streamlit runs each session's script
in a thread of its own, so a class spreads its freed memory over many arenas. With 2 of them, a class of 10 peaked
216 MB lower (docs/benchmarks.md); the page runs take turns on Python's lock anyway."""

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


M_ARENA_MAX = -8  # mallopt's parameter for the most arenas (glibc's malloc.h)
MALLOC_ARENAS = 2


def limit_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """At most `arenas` malloc arenas from now on (call it before the server starts its threads): True where
    that was done (glibc), else False. MALLOC_ARENA_MAX in the environment does the same before start."""
    try:
        return ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, arenas) == 1
    except (OSError, AttributeError):
        return False


class SessionMark:
    """An object that only one session's state holds: it is freed when the session's state is."""


class MemoryJanitor:
    """Counts the sessions alive through their marks, and sweeps: collects cyclic garbage, then gives the freed
    memory back. `collect` and `give_back` are gc.collect and give_back_freed_memory; tests pass their own."""

    def __init__(self, collect: Callable[[], object] = gc.collect,
                 give_back: Callable[[], object] = give_back_freed_memory):
        self._collect, self._give_back = collect, give_back
        self._marks: weakref.WeakSet[SessionMark] = weakref.WeakSet()
        self._lock = threading.Lock()
        self.sessions_open = threading.Event()  # set from a session's start until a sweep finds none alive

    def new_session(self) -> SessionMark:
        """A mark for a new session to hold in its state for as long as it lives."""
        mark = SessionMark()
        with self._lock:
            self._marks.add(mark)
            self.sessions_open.set()
        return mark

    def alive(self) -> int:
        return len(self._marks)

    def sweep(self) -> int:
        """Free what ended sessions left and give it back to the system: the sessions still alive."""
        self._collect()
        self._give_back()
        with self._lock:
            alive = len(self._marks)
            if alive == 0:  # this sweep came after the last session's end: the next waits for a new session
                self.sessions_open.clear()
        return alive

    def run_forever(self, every_s: float) -> None:
        """A sweep every `every_s` while sessions are open, the last one after they have all ended, and none
        while the server has no visitor."""
        while True:
            self.sessions_open.wait()
            time.sleep(every_s)
            self.sweep()
