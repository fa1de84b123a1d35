"""A lecture hall measured (`bench.py --only hall`): 1 and 2 server processes behind the sticky proxy
(scripts/lecture_hall.py) on this machine's cores, the students' client sharing them.

- Scaling: classes of light work only (opening pages, moving controls, answering the cards) at a rush's pace, of
  growing size, against 1 and then 2 processes: light actions served per second and their p95, and the CPU the
  students' client itself took. Students reach the processes through the proxy, each with its own cookies.
- Redis stopped mid-class: a class answering cards on 2 processes while the tally's Redis is stopped for a while
  and started again: errors, and the reveals that said the tally could not be reached.
- A lesson: 60 students at a lesson's pace, heavy work included, against each hall.
- Cost per action: the servers' CPU seconds per light action (from the scaling runs) and per heavy action (one
  session retraining β and sampling, alone on 1 process), the figures capacity.py plans a hall from."""

from __future__ import annotations

import random
import resource
import tempfile
import time
import uuid
from pathlib import Path

from scripts.app_process import free_port, resident_mb, stop_app
from scripts.benchmarks.agent_session import AGENT_OPTIONS, AgentSession, legal_value
from scripts.benchmarks.capacity import plan
from scripts.benchmarks.class_on_one_core import SETTLE_S, teacher_walks_the_route
from scripts.benchmarks.lesson_students import DDPM, PACES, figures, run_students
from scripts.benchmarks.machine import cpu_seconds
from scripts.lecture_hall import running_hall, start_redis

LOADS = (5, 10, 20, 40)  # students in each scaling class: from an idle server to a swamped one (20 saturate one)
P95_BOUNDS_S = (1.0, 2.0, 5.0, 15.0)  # the light actions' p95 bounds at which throughputs are compared
OUTAGE_AFTER_S, OUTAGE_S = 40.0, 30.0  # Redis stops this long into the class, for this long
LESSON_STUDENTS = 60  # the lesson-pace class each hall also serves, heavy work included
HEAVY_REPEATS = 3
RNG = random.Random(0)


def client_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def servers_cpu(hall) -> float:
    return sum(cpu_seconds(server.pid) for server in hall.servers)


def servers_mb(hall) -> float:
    return sum(resident_mb(server.pid) for server in hall.servers)


def scaling_class(hall, students: int) -> dict:
    cpu, client, memory = servers_cpu(hall), client_cpu_seconds(), [servers_mb(hall)]
    record, seconds = run_students([AgentSession(hall.url) for _ in range(students)], PACES["rush"], heavy=False,
                                   class_id=f"scaling-{uuid.uuid4().hex[:8]}",
                                   while_running=lambda: memory.append(servers_mb(hall)))
    result = figures(record)
    return {"students": students, **result, "light_per_s": round(len(record.light) / seconds, 2),
            "mb_per_student": round((max(memory) - memory[0]) / students, 1),
            "servers_cpu_s_per_light": round((servers_cpu(hall) - cpu) / max(len(record.light), 1), 4),
            "client_cpu_share": round((client_cpu_seconds() - client) / seconds, 2), "class_s": round(seconds, 1)}


def lesson_class(hall, students: int = LESSON_STUDENTS) -> dict:
    """A class following the lesson, heavy work included (every fifth retrains, every fifth picks DDPM)."""
    cpu = servers_cpu(hall)
    record, seconds = run_students([AgentSession(hall.url) for _ in range(students)], PACES["lesson"],
                                   class_id=f"lesson-{uuid.uuid4().hex[:8]}")
    busy = (servers_cpu(hall) - cpu) / seconds
    return {"students": students, **figures(record), "servers_busy_cores": round(busy, 2), "class_s": round(seconds, 1)}


def best_throughput(classes: list[dict], p95_bound_s: float) -> float:
    """The most light actions per second a class was served with its p95 at most `p95_bound_s` (0: none was)."""
    return max((c["light_per_s"] for c in classes if c["light"].get("p95_s", 1e9) <= p95_bound_s), default=0.0)


def scaling(one: list[dict], two: list[dict]) -> list[dict]:
    """Per p95 bound: the most light actions per second each hall served within it, and two processes' gain."""
    rows = []
    for bound in P95_BOUNDS_S:
        served = best_throughput(one, bound), best_throughput(two, bound)
        rows.append({"p95_at_most_s": bound, "one_process_per_s": served[0], "two_processes_per_s": served[1],
                     "ratio": round(served[1] / served[0], 2) if served[0] else None})
    return rows


def heavy_costs(hall) -> dict[str, float]:
    """Server CPU seconds of one β retrain, one DDIM sampling at a new seed, and one DDPM sampling."""
    session, costs = AgentSession(hall.url), {}
    for page, key, label in (("loss_balance", "lb_beta", "beta_retrain"), ("diffusion", "diffusion_seed", "ddim")):
        session.open(page)
        cpu = servers_cpu(hall)
        for _ in range(HEAVY_REPEATS):
            session.send({"widget_state": {key: legal_value(session.element(key), RNG, widest=5000)}})
        costs[label] = round((servers_cpu(hall) - cpu) / HEAVY_REPEATS, 2)
    cpu = servers_cpu(hall)
    session.send({"widget_state": {"diffusion_sampler": DDPM}})
    costs["ddpm"] = round(servers_cpu(hall) - cpu, 2)
    return costs


def redis_outage(hall, folder: Path, students: int = 30) -> dict:
    """A class answering cards while the tally's Redis goes away and comes back on its port."""
    outage = {"stopped": False, "began": time.perf_counter()}

    def maybe_stop_and_start() -> None:
        elapsed = time.perf_counter() - outage["began"]
        if not outage["stopped"] and elapsed > OUTAGE_AFTER_S:
            stop_app(hall.parts[0])
            outage["stopped"] = True
        elif outage["stopped"] is True and elapsed > OUTAGE_AFTER_S + OUTAGE_S:
            hall.parts[0] = start_redis(hall.redis_port, folder)
            outage["stopped"] = "restarted"

    record, seconds = run_students([AgentSession(hall.url) for _ in range(students)], PACES["lesson"], heavy=False,
                                   while_running=maybe_stop_and_start, class_id=f"outage-{uuid.uuid4().hex[:8]}")
    return {"students": students, "redis_down_s": OUTAGE_S, **figures(record), "class_s": round(seconds, 1)}


def run(runs: int) -> dict:
    """Each class once (a class is long: `runs` does not repeat it)."""
    results: dict = {}
    for processes in (1, 2):
        with tempfile.TemporaryDirectory(prefix="explorer-hall-bench-") as folder, \
                running_hall(processes, free_port(), Path(folder), options=AGENT_OPTIONS) as hall:
            for _ in range(processes):  # the proxy sends each new visitor to the next process
                teacher_walks_the_route(hall.url)
            time.sleep(SETTLE_S)
            memory = [resident_mb(server.pid) for server in hall.servers]
            if processes == 1:
                results["heavy_cpu_s"] = heavy_costs(hall)
            classes = [scaling_class(hall, students) for students in LOADS]
            results[f"{processes} process(es)"] = {"memory_mb_before": [round(m) for m in memory], "classes": classes,
                                                   f"lesson_{LESSON_STUDENTS}": lesson_class(hall)}
            if processes == 2:
                results["redis_outage"] = redis_outage(hall, Path(folder))
    results["scaling"] = scaling(*(results[f"{n} process(es)"]["classes"] for n in (1, 2)))
    light_cpu = [c["servers_cpu_s_per_light"] for c in results["1 process(es)"]["classes"]]
    largest = results["1 process(es)"]["classes"][-1]
    results["capacity"] = plan(sorted(light_cpu)[len(light_cpu) // 2], results["heavy_cpu_s"],
                               max(results["1 process(es)"]["memory_mb_before"]), largest["mb_per_student"])
    return results
