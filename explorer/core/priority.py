"""Heavy work at a lower OS priority than page runs: a thread that trains or samples lowers its own priority, so
that a light page run waiting for the same core gets it first."""

from __future__ import annotations

import os
import sys
import threading

NICE_ENV = "EXPLORER_HEAVY_NICE"
HEAVY_NICE = 10  # added to the thread's nice value (Linux: 0 normal, 19 the lowest)


def heavy_nice() -> int:
    """$EXPLORER_HEAVY_NICE (0 keeps heavy threads at the page runs' priority), else HEAVY_NICE."""
    configured = os.environ.get(NICE_ENV, "").strip()
    try:
        nice = int(configured) if configured else HEAVY_NICE
    except ValueError:
        nice = -1
    if not 0 <= nice <= 19:
        raise ValueError(f"{NICE_ENV} must be a whole number from 0 to 19, not {configured!r}")
    return nice


def lower_this_thread() -> None:
    """Lower the calling thread's priority by heavy_nice(), for good: Linux gives each thread its own nice value,
    and an unprivileged thread may raise it but not lower it again, so call this only in a thread made for heavy
    work. Elsewhere (another system, or a refusal) the thread keeps its priority."""
    if sys.platform != "linux":  # only Linux reads a thread id as PRIO_PROCESS's "who"
        return
    thread, by = threading.get_native_id(), heavy_nice()
    try:
        os.setpriority(os.PRIO_PROCESS, thread, os.getpriority(os.PRIO_PROCESS, thread) + by)
    except OSError:
        pass
