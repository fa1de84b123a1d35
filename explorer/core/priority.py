"""Heavy work at a lower OS priority than page runs: a thread that trains or samples lowers its own priority, so
that a light page run waiting for the same core gets it first."""

from __future__ import annotations

import os
import sys
import threading

HEAVY_NICE = 10  # added to the thread's nice value (Linux: 0 normal, 19 the lowest)


def lower_this_thread(by: int = HEAVY_NICE) -> None:
    """Lower the calling thread's priority, for good: Linux gives each thread its own nice value, and an
    unprivileged thread may raise it but not lower it again, so call this only in a thread made for heavy work.
    Elsewhere (another system, or a refusal) the thread keeps its priority."""
    if sys.platform != "linux":  # only Linux reads a thread id as PRIO_PROCESS's "who"
        return
    thread = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, thread, os.getpriority(os.PRIO_PROCESS, thread) + by)
    except OSError:
        pass

