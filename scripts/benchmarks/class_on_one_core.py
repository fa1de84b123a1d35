"""A class on one small server (`bench.py --only classroom`): N students (lesson_students.py) drive real sessions
through the agent API while the server is pinned to one CPU core, as on Streamlit Community Cloud, and the students'
client to the other. N = 10, 30 and 60 at a lesson's pace, and 30 in a rush.

Before the class the teacher opens every page once, as in preparing the lesson. Measured beside the students' own
figures: the server's memory before the class (after that walk), at its peak and after every
session has expired (the agent sessions' time-to-live is short here), and how busy its core was."""

from __future__ import annotations

import os
import time

from scripts.app_process import free_port, resident_mb, start_app, stop_app, wait_until_healthy
from scripts.benchmarks.agent_session import AGENT_OPTIONS, AgentSession
from scripts.benchmarks.lesson_students import PACES, ROUTE, figures, run_students
from scripts.benchmarks.machine import cpu_seconds

SERVER_CORE, CLIENT_CORE = 0, 1
SESSION_TTL_S = 30  # AGENT_OPTIONS' agentSessionTTL: after it, the class's sessions are closed
SETTLE_S = 10  # after the teacher's walk: the start-up work and the janitor's sweep have finished
CLASSES = ((10, "lesson"), (30, "lesson"), (60, "lesson"), (30, "rush"))


def teacher_walks_the_route(url: str) -> None:
    """The teacher opens every page of the lesson once before the class comes: the models and results every
    session shares are then loaded, and what the server gains during the class is what the class itself holds."""
    teacher = AgentSession(url)
    for page in ROUTE:
        teacher.open(page)


def run_class(students: int, pace: str, heavy: bool = True) -> dict:
    """One class on a fresh server: its figures."""
    port = free_port()
    process = start_app(port, cpu_core=SERVER_CORE, options=AGENT_OPTIONS)
    before_affinity = os.sched_getaffinity(0)
    try:
        wait_until_healthy(port, process, timeout=300)
        url = f"http://127.0.0.1:{port}"
        teacher_walks_the_route(url)
        time.sleep(SETTLE_S)
        memory_before = resident_mb(process.pid)
        os.sched_setaffinity(0, {CLIENT_CORE})
        peak = [memory_before]
        cpu_start = cpu_seconds(process.pid)
        record, seconds = run_students([AgentSession(url) for _ in range(students)], PACES[pace], heavy,
                                       while_running=lambda: peak.append(resident_mb(process.pid)))
        busy = (cpu_seconds(process.pid) - cpu_start) / seconds
        time.sleep(SESSION_TTL_S + 30)  # every session idle past its time-to-live is closed
        return {"students": students, "pace": pace, **figures(record),
                "memory_mb": {"before": round(memory_before), "peak": round(max(peak)),
                              "after_sessions_expired": round(resident_mb(process.pid))},
                "server_core_busy": round(busy, 2), "class_s": round(seconds, 1)}
    finally:
        os.sched_setaffinity(0, before_affinity)
        stop_app(process)


def run(runs: int) -> dict:
    """One class of each size (a class is long: `runs` does not repeat it)."""
    return {f"{students} students, {pace}": run_class(students, pace) for students, pace in CLASSES}
