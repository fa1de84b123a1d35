"""A heavy job on the server's line: never more running than the line has workers, started in the order asked,
followed with its place and then its steps, stopped when cancelled (at once while it waits, at its next step while
it runs), and run at a lower OS priority than the threads that asked for it. Checked by events, never by time."""

import os
import sys
import threading

import pytest

from explorer.core.heavy_job import HeavyJob
from explorer.core.priority import NICE_ENV, heavy_nice
from explorer.core.work_line import Place, WorkLine

HANG = 600  # seconds: only a job that never wakes waits this long, and then the test fails instead of hanging


class Blocked:
    """A computation that says when it starts and waits to be let go; it records who ran at once."""

    def __init__(self, name: str, log: list, lock: threading.Lock, running: list[int]):
        self.name, self.log, self.lock, self.running = name, log, lock, running
        self.started, self.go = threading.Event(), threading.Event()

    def __call__(self, on_step) -> str:
        with self.lock:
            self.running[0] += 1
            self.running[1] = max(self.running[1], self.running[0])
            self.log.append(self.name)
        self.started.set()
        assert self.go.wait(HANG)
        with self.lock:
            self.running[0] -= 1
        on_step(1, 1)
        return self.name


def blocked_jobs(line: WorkLine, count: int) -> tuple[list[Blocked], list[HeavyJob], list, list[int]]:
    log, lock, running = [], threading.Lock(), [0, 0]  # running now, most ever at once
    computations = [Blocked(f"job {n}", log, lock, running) for n in range(count)]
    return computations, [HeavyJob(line, "fake", 1, 1.0, c) for c in computations], log, running


def test_never_more_running_than_workers_and_started_in_the_order_asked():
    line = WorkLine(2)
    computations, jobs, log, running = blocked_jobs(line, 5)
    for computation in computations[:2]:
        assert computation.started.wait(HANG)
    assert not computations[2].started.is_set() and line.waiting == 3  # no free worker: job 2 cannot start
    for n, computation in enumerate(computations):  # let them go one by one; the next in line takes the worker
        computation.go.set()
        assert jobs[n].finished.wait(HANG) and jobs[n].result == f"job {n}"
        if n + 2 < len(computations):
            assert computations[n + 2].started.wait(HANG)
    assert log == [f"job {n}" for n in range(5)] and running[1] == 2


def test_a_follower_sees_its_place_and_wait_then_gets_the_result():
    line = WorkLine(1)
    computations, (blocker,), _, _ = blocked_jobs(line, 1)
    assert computations[0].started.wait(HANG)
    mine = HeavyJob(line, "fake", 1, None, lambda on_step: "mine")
    places = []

    def show_place(place: Place) -> None:
        places.append(place)
        computations[0].go.set()  # the job ahead ends once the page has shown the place

    assert mine.follow(show_place, lambda done, total: None, poll_seconds=0.001) == "mine"
    assert places[0].ahead == 1 and places[0].wait_s is not None and places[0].wait_s <= 1.0
    assert blocker.finished.is_set()


def test_a_job_cancelled_while_it_waits_leaves_the_line_at_once_and_never_runs():
    line = WorkLine(1)
    computations, (blocker, leaver, next_one), log, _ = blocked_jobs(line, 3)
    assert computations[0].started.wait(HANG)
    assert line.place(next_one.ticket).ahead == 2
    leaver.cancel()
    assert line.place(next_one.ticket).ahead == 1  # the place is freed at once, before anything else runs
    computations[0].go.set()
    assert computations[2].started.wait(HANG)  # the next ticket starts
    computations[2].go.set()
    assert leaver.finished.wait(HANG) and next_one.finished.wait(HANG)
    assert log == ["job 0", "job 2"] and leaver.result is None


def test_a_running_job_cancelled_stops_at_its_next_step():
    line = WorkLine(1)
    first_step, cancelled, steps = threading.Event(), threading.Event(), []

    def compute(on_step) -> str:
        for step in range(1, 101):
            steps.append(step)
            on_step(step, 100)
            if step == 1:
                first_step.set()
                assert cancelled.wait(HANG)
        return "all 100 steps"

    job = HeavyJob(line, "fake", 100, None, compute)
    assert first_step.wait(HANG)
    job.cancel()
    assert line.running == 1  # it still holds its worker until it has stopped
    cancelled.set()
    assert job.finished.wait(HANG)
    assert steps == [1, 2] and job.result is None and job.error is None and line.running == 0


def test_a_failure_reaches_the_follower():
    def compute(on_step):
        raise RuntimeError("out of memory")

    with pytest.raises(RuntimeError, match="out of memory"):
        HeavyJob(WorkLine(1), "fake", 1, None, compute).follow(lambda place: None, lambda done, total: None)


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux gives each thread a priority of its own")
def test_the_job_runs_at_a_lower_priority_than_the_thread_that_asked_for_it():
    asker = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen = []

    def compute(on_step) -> None:
        seen.append((threading.get_native_id(), os.getpriority(os.PRIO_PROCESS, threading.get_native_id())))

    HeavyJob(WorkLine(1), "fake", 1, None, compute).finished.wait(HANG)
    (thread, nice), = seen
    assert thread != threading.get_native_id() and nice == min(19, asker + heavy_nice())
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == asker  # the asker keeps its own


def test_how_far_heavy_threads_step_down_is_configurable_and_checked(monkeypatch):
    monkeypatch.setenv(NICE_ENV, "0")
    assert heavy_nice() == 0  # heavy threads at the page runs' priority
    for bad in ("-5", "20", "low"):
        monkeypatch.setenv(NICE_ENV, bad)
        with pytest.raises(ValueError, match=NICE_ENV):
            heavy_nice()
