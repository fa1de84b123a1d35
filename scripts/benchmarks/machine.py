"""What a benchmark reads of the machine from /proc (Linux): a process's peak memory and CPU time, and how busy each
core was."""

from __future__ import annotations

import os
from pathlib import Path


def peak_memory_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def cpu_seconds(pid: int) -> float:
    """The CPU time a process has used so far (user and system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def core_times() -> dict[int, tuple[int, int]]:
    """{core: (busy, total)} clock ticks since boot, from /proc/stat (Linux)."""
    times = {}
    for line in Path("/proc/stat").read_text().splitlines():
        name, *ticks = line.split()
        if name.startswith("cpu") and name != "cpu":
            values = [int(tick) for tick in ticks]
            idle = values[3] + values[4]  # idle and waiting for input or output
            times[int(name[3:])] = (sum(values) - idle, sum(values))
    return times


def busy_shares(before: dict[int, tuple[int, int]], after: dict[int, tuple[int, int]]) -> dict[str, float]:
    """The share of the time each core was busy between the two readings: whether the server's core or the
    browsers' ran out first."""
    return {f"core {core}": round((after[core][0] - before[core][0]) / max(after[core][1] - before[core][1], 1), 2)
            for core in sorted(after)}
