"""The lecture hall's capacity plan (scripts/benchmarks/capacity.py): its arithmetic from measured costs, and the
class benchmark's legal values, read from a widget's own props."""

import math
import random

from scripts.benchmarks.agent_session import legal_value, nodes_by_key
from scripts.benchmarks.capacity import ASSUMPTIONS, LESSON_S, STUDENTS, plan

HEAVY = {"ddim": 3.0, "beta_retrain": 20.0, "ddpm": 40.0}


def test_the_plan_adds_light_and_heavy_work_per_student_and_sizes_cores_for_the_peak():
    result = plan(0.08, HEAVY, process_mb=1000, student_mb=10)
    per_student = 0.1 * 0.08 + (2 * 3.0 + 0.4 * 20.0 + 0.2 * 40.0) / LESSON_S
    assert math.isclose(result["cpu_s_per_student_per_s"], round(per_student, 4))
    rows = {row["students"]: row for row in result["rows"]}
    assert list(rows) == list(STUDENTS)
    cores_for_300 = math.ceil(300 * per_student * ASSUMPTIONS["peak_over_mean"] / ASSUMPTIONS["core_utilisation"])
    assert rows[300]["cores"] == rows[300]["processes"] == cores_for_300
    assert rows[300]["memory_gb"] == round((cores_for_300 * 1000 + 300 * 10 + ASSUMPTIONS["redis_mb"]) / 1024, 1)
    assert [row["cores"] for row in result["rows"]] == sorted(row["cores"] for row in result["rows"])


def test_dearer_light_actions_need_more_cores():
    cheap, dear = (plan(cost, HEAVY, 1000, 10)["rows"][-1]["cores"] for cost in (0.05, 0.5))
    assert dear > cheap


def test_a_legal_value_is_another_option_or_number_in_range():
    rng = random.Random(0)
    options = {"props": {"options": ["2", "4", "8"]}, "value": "4", "value_schema": {"type": "string"}}
    assert {legal_value(options, rng) for _ in range(20)} == {"2", "8"}
    number = {"props": {"min_value": 0, "max_value": 999, "step": 1}, "value": 0, "value_schema": {"type": "integer"}}
    values = {legal_value(number, rng, widest=5) for _ in range(50)}
    assert values <= {1, 2, 3, 4, 5} and all(isinstance(value, int) for value in values)
    assert legal_value({"props": {}, "value": True, "value_schema": {"type": "boolean"}}, rng) is False


def test_elements_are_found_by_key_anywhere_in_the_tree():
    tree = {"type": "main", "children": [{"type": "container", "children": [{"type": "slider", "key": "k"}]}]}
    assert nodes_by_key(tree) == {"k": {"type": "slider", "key": "k"}}


def test_scaling_compares_the_halls_at_each_p95_bound():
    from scripts.benchmarks.hall_scaling import P95_BOUNDS_S, scaling

    def hall(*classes):
        return [{"light_per_s": per_s, "light": {"p95_s": p95}} for per_s, p95 in classes]

    rows = {row["p95_at_most_s"]: row for row in scaling(hall((4.0, 0.9), (5.0, 6.0)), hall((7.0, 1.5), (9.0, 3.0)))}
    assert list(rows) == list(P95_BOUNDS_S)
    assert rows[1.0] == {"p95_at_most_s": 1.0, "one_process_per_s": 4.0, "two_processes_per_s": 0.0, "ratio": 0.0}
    assert rows[5.0]["one_process_per_s"] == 4.0 and rows[5.0]["two_processes_per_s"] == 9.0
    assert rows[5.0]["ratio"] == 2.25 and rows[15.0]["ratio"] == 1.8
