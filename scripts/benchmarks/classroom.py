"""A class on one small server: N students in real browser sessions, the server pinned to one CPU core.

Each student opens three pages of the route, starting at a different one, and on each does what the lesson asks
(steps k, moves a slider, presses a button, tries seed 1 or 2 on Diffusion); every tenth student also trains β
on Loss balance, so runs queue for the one CPU trainer. The first trainer leaves mid-run: its slot must free.
Measured: errors (a timeout, an exception on the page, another session's settings showing), the response of
every action (from the action to the run ended and its images loaded), the server's peak memory, whether a
waiting run showed its place in line, and how long after the leaver closed its tab the next run started.
The browsers run on the other cores, so that they do not take the server's.
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from dataclasses import dataclass, field

from scripts.app_process import (
    APP_IDLE,
    CHROMIUM,
    CHROMIUM_ARGS,
    PAGE_SETTLED,
    free_port,
    start_app,
    stop_app,
    wait_for_start_up_visit,
    wait_until_healthy,
)
from scripts.benchmarks.machine import busy_shares, core_times, peak_memory_mb
from scripts.benchmarks.stats import median

STUDENTS = 30
SERVER_CORE = 0
PAGES_EACH = 3
TRAINER_EVERY = 10  # students 0, 10, 20 train β
ACTION_TIMEOUT_MS = 180_000
ARRIVALS_S = 0.3  # between two students' first clicks: a class does not click in the same millisecond
ROUTE = ("", "bottleneck", "latent_map", "denoising", "anomaly", "loss_balance", "diffusion", "vqvae")

# Counts the script runs that have ended on this page, so an action waits for its own run to end.
COUNT_RUNS = """() => {
  if (window.__runsEnded !== undefined) return;
  window.__runsEnded = 0;
  const app = document.querySelector('[data-testid=stApp]');
  new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'notRunning') window.__runsEnded += 1;
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


@dataclass
class ClassRecord:
    responses: dict[str, list[float]] = field(default_factory=dict)  # action -> seconds
    errors: list[str] = field(default_factory=list)
    places_in_line: list[int] = field(default_factory=list)  # runs ahead, as waiting students saw it
    left_at: float | None = None  # when the leaving trainer closed its tab
    next_run_started_at: float | None = None

    def took(self, action: str, seconds: float) -> None:
        self.responses.setdefault(action, []).append(seconds)


async def settled(page) -> None:
    await page.wait_for_function(PAGE_SETTLED, arg=[APP_IDLE, 0], polling=50, timeout=ACTION_TIMEOUT_MS)


async def open_page(page, record: ClassRecord, name: str, query: str = "") -> None:
    started = time.perf_counter()
    await page.goto(f"{page.context.app_url}/{name}{query}")
    await page.wait_for_selector(APP_IDLE, timeout=ACTION_TIMEOUT_MS)
    await settled(page)
    record.took(f"open {name or 'home'}", time.perf_counter() - started)
    await page.evaluate(COUNT_RUNS)


async def act(page, record: ClassRecord, label: str, action) -> None:
    """Do `action`, then wait for the script run it caused to end and its images to load."""
    ended = await page.evaluate("window.__runsEnded")
    started = time.perf_counter()
    await action()
    await page.wait_for_function("n => window.__runsEnded > n", arg=ended, polling=50, timeout=ACTION_TIMEOUT_MS)
    await settled(page)
    record.took(label, time.perf_counter() - started)


async def press_slider(page, presses: int = 1) -> None:
    await page.get_by_role("slider").first.focus()
    for _ in range(presses):
        await page.keyboard.press("ArrowRight")


async def visit(page, record: ClassRecord, name: str, student: int) -> None:
    """Open one page and do its lesson step; then check that this session still shows its own settings."""
    if name == "bottleneck":
        await open_page(page, record, name, f"?mode=random&seed={student}")
        k_eight = page.get_by_test_id("stButtonGroup").get_by_role("radio", name="8", exact=True)
        await act(page, record, "bottleneck k", k_eight.click)
        seed = await page.get_by_label("Random seed").input_value()
        if seed != str(student):  # the address says what the server last set: a wrong box, or a wrong state
            address = page.url.partition("?")[2]
            await asyncio.sleep(1)
            later = await page.get_by_label("Random seed").input_value()
            record.errors.append(f"student {student} saw seed {seed} on Bottleneck, not its own (address: "
                                 f"{address}; the box a second later: {later})")
        return
    await open_page(page, record, name)
    if name == "":
        await act(page, record, "home next digit", page.get_by_role("button", name="Show another digit").click)
    elif name == "latent_map":
        await act(page, record, "latent map new draws", page.get_by_role("button", name="🎲 New draws").click)
    elif name in ("denoising", "anomaly"):
        await act(page, record, f"{name} slider", lambda: press_slider(page))
    elif name == "diffusion":
        seed = page.get_by_label("Seed", exact=True)

        async def try_seed() -> None:
            await seed.fill(str(1 + student % 2))
            await seed.press("Enter")

        await act(page, record, "diffusion seed", try_seed)
    elif name == "vqvae":
        await act(page, record, "vqvae randomise", page.get_by_role("button", name="🎲 Randomise").click)


async def train(page, record: ClassRecord, student: int, leaves: bool) -> None:
    """Move β on Loss balance and wait for the run, noting the place in line while it waits."""
    await open_page(page, record, "loss_balance")
    presses = 1 + student // TRAINER_EVERY  # β one, two or three stops up: each trainer its own β
    await press_slider(page, presses)
    waiting = page.get_by_text(re.compile(r"Waiting for a free trainer: (\d+) run"))
    training = page.get_by_text(re.compile(r"Epoch \d+ of \d+ at β"))
    deadline = time.monotonic() + ACTION_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        if await waiting.count():
            ahead = re.search(r"(\d+) run", await waiting.first.inner_text())
            if ahead:
                record.places_in_line.append(int(ahead.group(1)))
        if await training.count():
            if record.left_at is not None and record.next_run_started_at is None and not leaves:
                record.next_run_started_at = time.perf_counter()
            if leaves:
                record.left_at = time.perf_counter()
                await page.context.close()
                return
            break
        await asyncio.sleep(0.1)
    else:
        record.errors.append(f"student {student}'s β run never started")
        return
    finished = page.get_by_text(re.compile(r"Finished \d+ epochs at β"))
    await finished.wait_for(timeout=ACTION_TIMEOUT_MS * 2)


async def student(browser, app_url: str, number: int, record: ClassRecord) -> None:
    await asyncio.sleep(number * ARRIVALS_S)
    context = await browser.new_context(viewport={"width": 1366, "height": 768})
    context.set_default_timeout(ACTION_TIMEOUT_MS)  # the first load of 30 tabs from one busy core is slow
    context.app_url = app_url
    page = await context.new_page()
    try:
        if number % TRAINER_EVERY == 0:
            await train(page, record, number, leaves=number == 0)
            if number == 0:
                return
        for step in range(PAGES_EACH):
            await visit(page, record, ROUTE[(number + step) % len(ROUTE)], number)
            if await page.locator("[data-testid=stException]").count():
                record.errors.append(f"student {number}: an exception on {page.url}")
    except Exception as error:  # a timeout or a crash: counted, the class goes on
        record.errors.append(f"student {number}: {type(error).__name__}: {str(error).splitlines()[0][:160]}")
    finally:
        if number != 0:
            await context.close()


async def run_class(app_url: str, students: int) -> ClassRecord:
    from playwright.async_api import async_playwright

    record = ClassRecord()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        await asyncio.gather(*(student(browser, app_url, number, record) for number in range(students)))
        await browser.close()
    return record


def error_kinds(errors: list[str]) -> dict[str, int]:
    """How many errors of each kind: another seed shown, a timeout, an exception on the page, anything else."""
    kinds = {"seed shown": "saw seed", "timeout": "TimeoutError", "exception on the page": "an exception on"}
    counts = {kind: sum(mark in error for error in errors) for kind, mark in kinds.items()}
    return counts | {"other": len(errors) - sum(counts.values())}


def one_class(students: int) -> dict:
    port = free_port()
    process = start_app(port, cpu_core=SERVER_CORE)
    others = set(range(os.cpu_count() or 1)) - {SERVER_CORE}
    if others:
        os.sched_setaffinity(0, others)  # this process and the browsers it starts stay off the server's core
    try:
        wait_until_healthy(port, process, timeout=300)
        start_up = wait_for_start_up_visit(process)
        started, cores_before = time.perf_counter(), core_times()
        record = asyncio.run(run_class(f"http://127.0.0.1:{port}", students))
        seconds, cores_after = time.perf_counter() - started, core_times()
        peak = peak_memory_mb(process.pid)
    finally:
        stop_app(process)
        os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))
    every = [value for values in record.responses.values() for value in values]
    return {
        "students": students, "class_seconds": round(seconds, 1), "start_up_visit": start_up,
        "errors": len(record.errors), "errors_by_kind": error_kinds(record.errors),
        "error_examples": record.errors[:10],
        "responses": len(every), "median_response_s": median(every) if every else None,
        "slowest_response_s": round(max(every), 2) if every else None,
        "median_by_action_s": {action: median(values) for action, values in sorted(record.responses.items())},
        "slowest_by_action_s": {action: round(max(values), 2) for action, values in sorted(record.responses.items())},
        "server_peak_memory_mb": round(peak, 1),
        "busy_share_of_each_core": busy_shares(cores_before, cores_after), "server_core": SERVER_CORE,
        "most_runs_ahead_shown": max(record.places_in_line, default=None),
        "next_run_started_after_leaver_s": (round(record.next_run_started_at - record.left_at, 2)
                                            if record.left_at and record.next_run_started_at else None),
    }


def run(runs: int) -> dict:
    """One class per run (each a fresh server): the figures of each, then the medians across them."""
    classes = [one_class(STUDENTS) for _ in range(max(1, runs))]
    return {
        "classes": classes,
        "median_response_s": median(medians) if (medians := [c["median_response_s"] for c in classes
                                                             if c["median_response_s"] is not None]) else None,
        "slowest_response_s": max((c["slowest_response_s"] or 0 for c in classes), default=None),
        "errors": sum(c["errors"] for c in classes),
        "server_peak_memory_mb": max(c["server_peak_memory_mb"] for c in classes),
        "server_cpu_cores": 1,
        "targets": {"errors": 0, "median_response_s": 1.0, "slowest_response_s": 5.0, "server_memory_mb": 1024},
    }
