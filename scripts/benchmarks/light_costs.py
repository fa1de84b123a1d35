"""The server's CPU for each light action of the lesson route (`bench.py --only light_costs`): what a class of
light work costs one core, page by page and control by control.

One session drives a real server through the agent API (agent_session.py), after a first pass over every page and
control has filled the shared caches, as a class meets a server its teacher opened. For each page of the route
(lesson_students.ROUTE): opening it, moving each of its light controls, and answering its prediction card (opening
the card, picking an answer, revealing it); each action `runs` times, the server process's CPU seconds read from
/proc around it (all its threads: the agent API's answer is part of what an action costs), and their mean. Heavy
controls (training, sampling) are left out.

The route's weights are the lesson's (lesson_students.student): every page is opened once per visit; each visit
moves one or two of its controls, each equally likely; in a lesson, the card is answered once per visit."""

from __future__ import annotations

import random
import statistics
import time
import uuid

from scripts.app_process import free_port, start_app, stop_app, wait_until_healthy
from scripts.benchmarks.agent_session import AGENT_OPTIONS, AGENT_PATH, AgentSession, legal_value
from scripts.benchmarks.lesson_students import CARD_OPEN, CHANGES_PER_PAGE, ROUTE
from scripts.benchmarks.machine import cpu_seconds

QUIET_CPU_S = 0.05  # the server is idle (its start-up visit over) once it uses less than this in QUIET_WINDOW_S
QUIET_WINDOW_S = 2.0
QUIET_TIMEOUT_S = 300.0


def wait_until_quiet(pid: int) -> None:
    deadline = time.monotonic() + QUIET_TIMEOUT_S
    while time.monotonic() < deadline:
        before = cpu_seconds(pid)
        time.sleep(QUIET_WINDOW_S)
        if cpu_seconds(pid) - before < QUIET_CPU_S:
            return
    raise TimeoutError("the server did not go quiet")


def cost(pid: int, action, *args) -> float:
    """Server CPU seconds of action(*args), which returns once the run it caused has settled."""
    before = cpu_seconds(pid)
    action(*args)
    return cpu_seconds(pid) - before


def answer_card(pid: int, session: AgentSession, rng: random.Random, costs: dict[str, list[float]]) -> None:
    """The card's light actions, each measured: opening it, picking an answer, and revealing it where the page
    lets it be revealed now (Your data set's waits for a trained model)."""
    costs.setdefault("card open", []).append(cost(pid, session.send, {"widget_state": {CARD_OPEN: True}}))
    choice = next(a["key"] for a in session.snapshot["actions"]
                  if a["key"].startswith("predict_") and a["key"].endswith("_choice"))
    picked = rng.choice(session.element(choice)["props"]["options"])
    costs.setdefault("card choice", []).append(cost(pid, session.send, {"widget_state": {choice: picked}}))
    reveal = choice.removesuffix("_choice") + "_reveal"
    if session.can(reveal):
        costs.setdefault("card reveal", []).append(cost(pid, session.send, {"trigger": {"key": reveal}}))


def measure_page(pid: int, session: AgentSession, page: str, runs: int, rng: random.Random,
                 other_page: str) -> dict[str, float]:
    """Mean server CPU seconds of each light action on `page` (a mean: /proc counts CPU time in 10 ms ticks,
    which a sum over the runs spreads out)."""
    costs: dict[str, list[float]] = {"open": []}
    for _ in range(runs):
        session.open(other_page)
        costs["open"].append(cost(pid, session.open, page))
    for key in ROUTE[page]:
        if not session.can(key):  # shown only in another mode of the page
            continue
        for _ in range(runs):
            node = session.element(key)
            body = ({"trigger": {"key": key}} if node.get("type") == "button"
                    else {"widget_state": {key: legal_value(node, rng)}})
            costs.setdefault(key, []).append(cost(pid, session.send, body))
    for _ in range(runs):  # a new session each time: a card once revealed stays revealed in its session
        student = AgentSession(session.url.removesuffix(AGENT_PATH))
        student.open(page, {"class": [f"costs-{uuid.uuid4().hex[:8]}"]})
        if not student.can(CARD_OPEN):
            break
        answer_card(pid, student, rng, costs)
    return {name: round(statistics.mean(values), 4) for name, values in costs.items()}


def weighted_mean(pages: dict[str, dict[str, float]], cards: bool) -> float:
    """Mean CPU per light action with the lesson's weights; `cards`: each visit answers its page's card."""
    total = count = 0.0
    for costs in pages.values():
        controls = [key for key in costs if key != "open" and not key.startswith("card")]
        weights = {"open": 1.0}
        if controls:  # one or two of them per visit, each equally likely
            expected = sum(min(n, len(controls)) for n in range(CHANGES_PER_PAGE[0], CHANGES_PER_PAGE[1] + 1)) / (
                CHANGES_PER_PAGE[1] - CHANGES_PER_PAGE[0] + 1)
            weights |= {key: expected / len(controls) for key in controls}
        if cards:
            weights |= {key: 1.0 for key in costs if key.startswith("card")}
        total += sum(costs[key] * weight for key, weight in weights.items())
        count += sum(weights.values())
    return round(total / count, 4)


def run(runs: int) -> dict:
    port = free_port()
    process = start_app(port, options=AGENT_OPTIONS)
    rng = random.Random(0)
    try:
        wait_until_healthy(port, process, timeout=300)
        session = AgentSession(f"http://127.0.0.1:{port}")
        pages = list(ROUTE)
        for page in pages:  # the shared caches filled, as after a teacher's first pass
            measure_page(process.pid, session, page, 1, rng, pages[0])
        wait_until_quiet(process.pid)
        results = {page or "home": measure_page(process.pid, session, page, runs, rng,
                                                pages[(i + 1) % len(pages)])
                   for i, page in enumerate(pages)}
    finally:
        stop_app(process)
    return {"cpu_s_per_action": results,
            "weighted_mean_cpu_s": {"lesson_with_cards": weighted_mean(results, cards=True),
                                    "without_cards": weighted_mean(results, cards=False)}}
