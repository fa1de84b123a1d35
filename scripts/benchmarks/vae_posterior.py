"""Inside the VAE: server time of its first open (every shared cache emptied), of a click on a test digit's dot and
of "Draw another ε"."""

from __future__ import annotations

from scripts.benchmarks.page_timing import change_times, open_page, open_times

PAGE = "app_pages/vae_posterior.py"
OPEN_TARGET_MS, CONTROL_TARGET_MS = 1000, 150


def _clicked(app, number: int):
    """What a click on a dot does: its on_select callback writes the test digit's number, and the page reruns."""
    app.session_state["posterior_digit"] = number
    return app


def run(runs: int) -> dict:
    opened = {**open_times(PAGE, runs), "target_at_most": OPEN_TARGET_MS}
    app, _ = open_page(PAGE)
    click = change_times(app, _clicked, [12, 345, 678, 901, 234], runs)
    another = change_times(app, lambda app, _: app.button(key="posterior_another").click(), list(range(5)), runs)
    return {"open_server_ms": opened,
            "dot_click_server_ms": {**click, "target_at_most": CONTROL_TARGET_MS},
            "another_epsilon_server_ms": {**another, "target_at_most": CONTROL_TARGET_MS}}
