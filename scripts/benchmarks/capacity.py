"""Capacity on paper: how many cores, server processes and how much memory a lecture hall needs for a number of
students following a lesson, planned from measured costs (hall_scaling.py measures them) and the assumptions below,
which are a lesson's shape, not measurements."""

from __future__ import annotations

import math

LESSON_S = 45 * 60
ASSUMPTIONS = {
    "light_actions_per_student_per_s": 0.1,  # a change or a page every 10 s: a lesson's pace of 5-15 s
    "ddim_samplings_per_student": 2.0,  # new seeds on Diffusion, per lesson
    "beta_retrains_per_student": 0.4,  # every fifth student retrains β twice
    "ddpm_samplings_per_student": 0.2,  # every fifth student picks DDPM once
    "peak_over_mean": 3.0,  # a class acts together when the teacher says "now move β"
    "core_utilisation": 0.7,  # headroom that keeps light clicks quick at the peak
    "redis_mb": 50.0,  # the tally's counts are a few kB a class; Redis itself is most of it
}
STUDENTS = (30, 100, 300, 1000)


def cpu_per_student_s(light_cpu_s: float, heavy_cpu_s: dict[str, float]) -> float:
    """Server CPU seconds each student needs per second of the lesson, on average."""
    heavy = (ASSUMPTIONS["ddim_samplings_per_student"] * heavy_cpu_s["ddim"]
             + ASSUMPTIONS["beta_retrains_per_student"] * heavy_cpu_s["beta_retrain"]
             + ASSUMPTIONS["ddpm_samplings_per_student"] * heavy_cpu_s["ddpm"]) / LESSON_S
    return ASSUMPTIONS["light_actions_per_student_per_s"] * light_cpu_s + heavy


def plan(light_cpu_s: float, heavy_cpu_s: dict[str, float], process_mb: float, student_mb: float) -> dict:
    """One row per class size: cores (one server process each) and memory (the processes, each student's share,
    and Redis)."""
    per_student = cpu_per_student_s(light_cpu_s, heavy_cpu_s)
    rows = []
    for students in STUDENTS:
        cores = max(1, math.ceil(students * per_student * ASSUMPTIONS["peak_over_mean"]
                                 / ASSUMPTIONS["core_utilisation"]))
        memory_mb = cores * process_mb + students * student_mb + ASSUMPTIONS["redis_mb"]
        rows.append({"students": students, "cores": cores, "processes": cores,
                     "memory_gb": round(memory_mb / 1024, 1)})
    return {"measured": {"server_cpu_s_per_light_action": light_cpu_s, "server_cpu_s_per_heavy_action": heavy_cpu_s,
                         "process_mb": round(process_mb), "mb_per_student": round(student_mb, 1)},
            "assumptions": ASSUMPTIONS, "cpu_s_per_student_per_s": round(per_student, 4), "rows": rows}
