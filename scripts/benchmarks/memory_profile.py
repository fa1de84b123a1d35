"""Where a class's memory goes (`bench.py --only memory_profile`): a class of students (lesson_students.py) on a
server that traces its Python allocations (tracemalloc, started by a sitecustomize this module writes into a
temporary folder, so that the app itself carries no profiling code). The server dumps a snapshot when asked: before
the class, as the class ends (every session still open) and after every session has expired; this reports the
allocation sites that grew between them, each named by the innermost frame of the app's own code (explorer/,
app_pages/), else of Streamlit, else of whatever allocated. Then glibc is asked to give its free memory back
(malloc_trim) to tell memory still held from memory only kept by the allocator.

tracemalloc sees Python objects and numpy arrays, not torch's own tensors, and slows the server: quote its sites,
not its timings; the resident memory figures come from `--only class_memory` (class_memory.py), untraced."""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from pathlib import Path

from scripts.app_process import ROOT, free_port, resident_mb, start_app, stop_app, wait_until_healthy
from scripts.benchmarks.agent_session import AGENT_OPTIONS, AgentSession
from scripts.benchmarks.lesson_students import PACES, figures, run_students

STUDENTS, PACE = 10, "rush"
SESSION_TTL_S = 30  # AGENT_OPTIONS' agentSessionTTL
FRAMES = 16
TOP = 15
# Dumps a snapshot on a `<name>.request` file in the folder; `trim.request` asks glibc to return free memory.
TRACER = f'''
import ctypes, os, threading, time, tracemalloc
folder = os.environ.get("EXPLORER_TRACE_DIR")
if folder:
    tracemalloc.start({FRAMES})
    def answer():
        while True:
            for name in os.listdir(folder):
                if name.endswith(".request"):
                    os.remove(os.path.join(folder, name))
                    stem = name.removesuffix(".request")
                    if stem == "trim":
                        ctypes.CDLL("libc.so.6").malloc_trim(0)
                    else:
                        tracemalloc.take_snapshot().dump(os.path.join(folder, stem + ".part"))
                        os.rename(os.path.join(folder, stem + ".part"), os.path.join(folder, stem + ".snapshot"))
                    open(os.path.join(folder, stem + ".done"), "w").close()
            time.sleep(0.2)
    threading.Thread(target=answer, daemon=True).start()
'''
OWN_CODE = (str(ROOT / "explorer"), str(ROOT / "app_pages"))


def ask(folder: Path, stem: str, timeout: float = 600.0) -> None:
    (folder / f"{stem}.request").touch()
    deadline = time.monotonic() + timeout
    while not (folder / f"{stem}.done").exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the server did not answer {stem}")
        time.sleep(0.2)


def site(traceback: tracemalloc.Traceback) -> str:
    """The innermost frame of the app's own code, else of Streamlit, else the allocating frame."""
    frames = list(reversed(traceback))  # innermost first
    for wanted in (lambda name: name.startswith(OWN_CODE), lambda name: "/streamlit/" in name):
        for frame in frames:
            if wanted(frame.filename):
                return f"{frame.filename.removeprefix(str(ROOT) + '/')}:{frame.lineno}"
    return f"{frames[0].filename}:{frames[0].lineno}"


def by_site(snapshot: tracemalloc.Snapshot) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for trace in snapshot.traces:
        key = site(trace.traceback)
        sizes[key] = sizes.get(key, 0) + trace.size
    return sizes


def grown(before: dict[str, int], after: dict[str, int], top: int = TOP) -> list[tuple[str, float]]:
    """The sites that grew most, in MB."""
    growth = {key: after.get(key, 0) - before.get(key, 0) for key in set(before) | set(after)}
    return [(key, round(size / 2**20, 1)) for key, size in sorted(growth.items(), key=lambda item: -item[1])[:top]]


def run(runs: int, students: int = STUDENTS, pace: str = PACE) -> dict:
    """One traced class (`runs` does not repeat it)."""
    with tempfile.TemporaryDirectory() as temp:
        code, folder = Path(temp) / "code", Path(temp) / "traces"
        code.mkdir()
        folder.mkdir()
        (code / "sitecustomize.py").write_text(TRACER)
        port = free_port()
        process = start_app(port, options=AGENT_OPTIONS,
                            env={"PYTHONPATH": str(code), "EXPLORER_TRACE_DIR": str(folder)})
        try:
            wait_until_healthy(port, process, timeout=600)
            url = f"http://127.0.0.1:{port}"
            AgentSession(url).open("")
            time.sleep(60)  # the start-up visit, slower when traced
            memory = {"before": resident_mb(process.pid)}
            ask(folder, "before")
            peak = [memory["before"]]
            record, _ = run_students([AgentSession(url) for _ in range(students)], PACES[pace],
                                     while_running=lambda: peak.append(resident_mb(process.pid)))
            memory["peak"], memory["class_ended"] = max(peak), resident_mb(process.pid)
            ask(folder, "ended")
            time.sleep(SESSION_TTL_S + 30)
            memory["sessions_expired"] = resident_mb(process.pid)
            ask(folder, "expired")
            ask(folder, "trim")
            memory["after_malloc_trim"] = resident_mb(process.pid)
            sites = {stem: by_site(tracemalloc.Snapshot.load(str(folder / f"{stem}.snapshot")))
                     for stem in ("before", "ended", "expired")}
        finally:
            stop_app(process)
    return {"students": students, "pace": pace, "errors": figures(record)["errors"],
            "resident_mb": {name: round(value) for name, value in memory.items()},
            "traced_mb": {stem: round(sum(sizes.values()) / 2**20, 1) for stem, sizes in sites.items()},
            "grew_during_class_mb": grown(sites["before"], sites["ended"]),
            "left_after_sessions_expired_mb": grown(sites["before"], sites["expired"])}

