"""A class without browsers: students who drive real sessions through Streamlit's agent API (agent_session.py),
as the class benchmarks (class_on_one_core.py, hall_scaling.py) send them against a server.

The lesson as a class lives it: each student starts at another page of the route and walks on through it, and on
each page makes a change every few seconds (a lesson's pace: 5-15 s; a rush: 2-4 s), a random legal value read from
the page's own widget props. Every fifth student retrains on Loss balance; on Diffusion each tries a new seed, and
every fifth picks DDPM. Heavy actions (training, sampling) are recorded apart from light ones (opening a page,
moving a control), with errors and changes the session did not keep (another session's value, or none).

What the agent API cannot show: a page's place in line. An answer comes once the run has ended, so a message the
run drew only while it waited is gone from it; tests/unit/test_work_line.py and tests/app/test_work_line.py check
that a waiting page shows its place and wait instead."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field

from explorer.ui.shared.anatomy import DEEPER_KEY as DEEPER  # Go deeper: a student may open it on a page
from scripts.benchmarks.agent_session import AgentError, AgentSession, legal_value, texts

PACES = {"lesson": (5.0, 15.0), "rush": (2.0, 4.0)}  # seconds between one student's actions
PAGES_EACH = 6  # pages of the route each student walks through, from a different start
CHANGES_PER_PAGE = (1, 2)
TRAINER_EVERY = 5  # students 0, 5, 10 ... retrain on Loss balance
DDPM_EVERY = 5  # students 0, 5, 10 ... pick DDPM on Diffusion
# The route, and on each page the controls a student moves; the heavy ones start training or sampling.
ROUTE = {
    "": (),
    "bottleneck": ("bottleneck_k", "bottleneck_mode", "bottleneck_seed", DEEPER),
    "inside_network": ("inside_digit", "inside_example", "inside_shift", "inside_channels", DEEPER),
    "sparse_codes": ("sparse_strength", "sparse_digit", "sparse_example", DEEPER),
    "latent_map": ("latent_k", "latent_projection", "latent_show_random", DEEPER),
    "denoising": ("denoising_kind", "denoising_level", DEEPER),
    "anomaly": ("anomaly_digit", "anomaly_inspect", DEEPER),
    "loss_balance": (),  # only the trainers act here
    "vae_posterior": ("posterior_digit", "posterior_another", DEEPER),
    "shapes": ("shapes_beta", "shapes_start", DEEPER),
    "diffusion": (),  # seeds and samplers, below
    "vqvae": ("vq_digit", "vq_random", DEEPER, "vq_entry", "vq_resample"),  # the last two are under Go deeper
    "own_dataset": ("own_placement", "own_model"),
}
HEAVY = {"lb_beta", "diffusion_seed", "diffusion_sampler"}
CARD_OPEN = "predict_card_open"  # the prediction card's popover; its choice and Reveal keys name the card
TALLY_UNAVAILABLE = "tally cannot be reached"
DDPM = "DDPM (all 1,000 steps, random)"


@dataclass
class ClassRecord:
    light: list[float] = field(default_factory=list)
    heavy: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)  # by kind
    not_kept: list[str] = field(default_factory=list)  # key: sent -> shown
    cards_answered: int = 0
    tally_unavailable: int = 0  # reveals that said the class tally could not be reached
    lock: threading.Lock = field(default_factory=threading.Lock)

    def error(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] = self.errors.get(kind, 0) + 1


def changes_on(page: str, student: int, rng: random.Random, heavy: bool = True) -> list[str]:
    """The controls this student moves on this page, in order; with `heavy` off, no training or sampling."""
    if page in ("loss_balance", "diffusion") and not heavy:
        return []
    if page == "loss_balance":
        return ["lb_beta"] if student % TRAINER_EVERY == 0 else []
    if page == "diffusion":
        return ["diffusion_sampler"] if student % DDPM_EVERY == 0 else ["diffusion_seed"]
    keys = ROUTE[page]
    return rng.sample(keys, min(len(keys), rng.randint(*CHANGES_PER_PAGE))) if keys else []


def act(session: AgentSession, key: str, rng: random.Random, record: ClassRecord) -> None:
    if not session.can(key):  # shown only in another mode of the page (a seed box, say): the student moves on
        return
    node = session.element(key)
    if node is not None and node.get("type") == "button":
        answer, sent = session.send({"trigger": {"key": key}}), None
    else:
        sent = DDPM if key == "diffusion_sampler" else legal_value(node, rng, widest=2000 if key == "diffusion_seed"
                                                                   else 20)
        answer = session.send({"widget_state": {key: sent}})
    shown = (session.element(key) or {}).get("value")
    with record.lock:
        (record.heavy if key in HEAVY else record.light).append(answer.seconds)
        if sent is not None and shown != sent:
            record.not_kept.append(f"{key}: {sent!r} -> {shown!r}")
    if answer.snapshot["status"] == "error":
        record.error("exception on the page")


def light(answer, record: ClassRecord) -> None:
    with record.lock:
        record.light.append(answer.seconds)
        if answer.snapshot["status"] == "error":
            record.errors["exception on the page"] = record.errors.get("exception on the page", 0) + 1


def answer_card(session: AgentSession, rng: random.Random, record: ClassRecord) -> None:
    """Open the page's prediction card, pick an answer and reveal it: in a lesson, the class tally counts it."""
    if not session.can(CARD_OPEN):
        return
    light(session.send({"widget_state": {CARD_OPEN: True}}), record)
    choice = next((action["key"] for action in session.snapshot["actions"]
                   if action["key"].startswith("predict_") and action["key"].endswith("_choice")), None)
    if choice is None:
        return
    light(session.send({"widget_state": {choice: rng.choice(session.element(choice)["props"]["options"])}}), record)
    reveal = choice.removesuffix("_choice") + "_reveal"
    if session.can(reveal):
        answer = session.send({"trigger": {"key": reveal}})
        light(answer, record)
        with record.lock:
            record.cards_answered += 1
            record.tally_unavailable += any(TALLY_UNAVAILABLE in text for text in texts(answer.snapshot["tree"]))


def student(number: int, session: AgentSession, pace: tuple[float, float], record: ClassRecord,
            start: threading.Event, heavy: bool = True, class_id: str | None = None) -> None:
    """One student's lesson, begun when `start` is set; in a lesson with a `class_id`, each card answered too."""
    rng = random.Random(number)
    pages = list(ROUTE)
    first = number % len(pages)
    start.wait()
    time.sleep(rng.uniform(0, pace[1]))  # a class does not arrive in the same second
    for visit, page in enumerate((pages + pages)[first:first + PAGES_EACH]):
        try:
            light(session.open(page, {"class": [class_id]} if class_id and visit == 0 else None), record)
            for key in changes_on(page, number, rng, heavy):
                time.sleep(rng.uniform(*pace))
                act(session, key, rng, record)
            if class_id:
                time.sleep(rng.uniform(*pace))
                answer_card(session, rng, record)
        except AgentError as error:
            record.error(error.code)
        except OSError as error:  # a refused connection or a timeout
            record.error(type(error).__name__)
        except (KeyError, TypeError, ValueError) as error:  # an answer not shaped as the API describes
            record.error(f"unexpected answer ({type(error).__name__})")
        time.sleep(rng.uniform(*pace))


def summary(values: list[float]) -> dict[str, float | int]:
    if not values:
        return {"count": 0}
    ordered = sorted(values)
    return {"count": len(ordered), "median_s": round(ordered[len(ordered) // 2], 3),
            "p95_s": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 3),
            "slowest_s": round(ordered[-1], 3)}


def figures(record: ClassRecord) -> dict:
    return {"light": summary(record.light), "heavy": summary(record.heavy), "errors": record.errors,
            "not_kept_count": len(record.not_kept), "not_kept": record.not_kept[:10],
            "cards_answered": record.cards_answered,
            "cards_with_tally_unavailable": record.tally_unavailable}


def run_students(sessions: list[AgentSession], pace: tuple[float, float], heavy: bool = True,
                 while_running=lambda: None, class_id: str | None = None) -> tuple[ClassRecord, float]:
    """The class, one student per session, all begun together; `while_running` is called about twice a second
    until the last student is done. Returns the record and the class's length in seconds."""
    record, start = ClassRecord(), threading.Event()
    threads = [threading.Thread(target=student, args=(number, session, pace, record, start, heavy, class_id),
                                daemon=True)
               for number, session in enumerate(sessions)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    start.set()
    while any(thread.is_alive() for thread in threads):
        while_running()
        time.sleep(0.5)
    return record, time.perf_counter() - started
