"""The Loss-balance page: how fast a β change shows, converges, and trains compared with the bare loop.

- first_epoch_on_screen_s: a real server and headless Chromium; from the key press that moves β to
  the first epoch on screen: its progress line visible and the loss chart redrawn with its points.
- default_run (in-process AppTest, the page's own script): seconds from pressing "Train again" with
  the default settings to the first epoch drawn, and to the first epoch whose test loss is within
  10% of the converged one (the shipped 30-epoch run at the same β), for a warm and a cold start.
- throughput: training images per second over epochs 2..n, inside the app (while the page draws
  every epoch beside it) and for the same fit() loop run bare (same settings, threads and seed), in
  the same bench run.
"""

from __future__ import annotations

import time

from scripts.app_process import (
    APP_SCRIPT,
    free_port,
    launch_chromium,
    start_app,
    stop_app,
    wait_for_app,
    wait_until_healthy,
)
from scripts.benchmarks.stats import median

PAGE = "app_pages/loss_balance.py"
TOLERANCE = 0.10


def converged_test_loss(beta: float) -> float:
    from explorer.checkpoints.store import PretrainedStore
    from explorer.topics.loss_balance.settings import reference_name

    return PretrainedStore().model_info(reference_name(beta))["metrics"]["test_loss"]


def steady_throughput(epoch_ends: list[float], images_per_epoch: int) -> float:
    """Images per second from the end of epoch 1 to the end of the last: start-up costs left out."""
    return (len(epoch_ends) - 1) * images_per_epoch / (epoch_ends[-1] - epoch_ends[0])


def train_images_per_epoch() -> int:
    from explorer.core.data import load_bundled_mnist

    return len(load_bundled_mnist().train_images)  # the page's default data set


def in_app_run(start: str) -> dict:
    """One default run through the page's own script, timed from the button press."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(APP_SCRIPT), default_timeout=300)
    app.run()
    app.switch_page(PAGE).run()
    app.radio(key="lb_start").set_value(start).run()  # a setting change trains once: that run is not measured
    button = app.button(key="lb_train").click()
    clicked = time.perf_counter()
    button.run()
    if app.exception:
        raise RuntimeError(f"the Loss-balance page failed: {app.exception}")
    run = app.session_state["lb_run"]
    target = (1 + TOLERANCE) * converged_test_loss(run.settings.beta)
    within = next((shown - clicked for epochs, shown in run.shown
                   if run.views[epochs - 1].test.total <= target), None)
    return {"first_epoch_s": run.shown[0][1] - clicked, "within_10pct_s": within,
            "last_epoch_drawn_s": run.shown[-1][1] - clicked,
            "images_per_second": steady_throughput(run.trained_at, train_images_per_epoch()),
            "final_test_loss": run.last.test.total,
            "converged_test_loss": target / (1 + TOLERANCE)}


def bare_throughput() -> float:
    import torch

    from explorer.core.data import load_bundled_mnist
    from explorer.topics.loss_balance.run import new_model
    from explorer.topics.loss_balance.settings import RunSettings
    from explorer.training.fit import fit
    from explorer.training.live import LIVE_CPU_THREADS, torch_threads

    data = load_bundled_mnist()
    settings = RunSettings(start="scratch")
    ends: list[float] = []
    with torch_threads(LIVE_CPU_THREADS):
        fit(new_model(settings), data.train_images, data.test_images, settings.train_config(),
            device=torch.device("cpu"), on_epoch=lambda report: ends.append(time.perf_counter()))
    return steady_throughput(ends, len(data.train_images))


# True once the page says "Epoch N of M at β = <arg>" and the loss chart (the page's first chart) holds
# between 1 and N epochs of points, 6 per epoch: the new run's numbers, not the previous run's 15 epochs.
EPOCH_DRAWN = r"""beta => {
    const progress = document.body.innerText.match(new RegExp(`Epoch (\\d+) of \\d+ at β = ${beta} `));
    const curves = document.querySelector('[data-testid=stVegaLiteChart]');
    if (!progress || !curves) return false;
    const points = curves.querySelectorAll('.mark-symbol.role-mark > path').length;
    return points >= 6 && points <= 6 * Number(progress[1]);
}"""


def first_epoch_in_browser(runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    port = free_port()
    process = start_app(port)
    try:
        wait_until_healthy(port, process)
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"http://127.0.0.1:{port}/loss_balance")
            page.get_by_text("Showing the shipped run").wait_for(timeout=120_000)
            wait_for_app(page)
            betas = ["1.5", "1"]  # right then left: back and forth between two β
            for i in range(runs):
                beta = betas[i % 2]
                page.get_by_role("slider").first.focus()
                pressed = time.perf_counter()
                page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
                page.wait_for_function(EPOCH_DRAWN, arg=beta, timeout=60_000)
                times.append(time.perf_counter() - pressed)
                page.get_by_text(f"Finished 15 epochs at β = {beta}:").wait_for(timeout=300_000)
                wait_for_app(page)
            browser.close()
    finally:
        stop_app(process)
    return times


def run(runs: int) -> dict:
    default_runs: dict[str, list[dict]] = {"warm": [], "scratch": []}
    bare = []
    for _ in range(runs):  # interleaved, so that the app and the bare loop see the same load on a shared machine
        for start in default_runs:
            default_runs[start].append(in_app_run(start))
        bare.append(bare_throughput())
    summary = {}
    for start, results in default_runs.items():
        within = [r["within_10pct_s"] for r in results if r["within_10pct_s"] is not None]
        summary[start] = {
            "first_epoch_drawn_s_median": median([r["first_epoch_s"] for r in results]),
            "last_epoch_drawn_s_median": median([r["last_epoch_drawn_s"] for r in results]),
            "within_10pct_of_converged_s_median": median(within) if within else None,
            "runs_never_within_10pct": len(results) - len(within),
            "final_test_loss_median": median([r["final_test_loss"] for r in results]),
            "converged_test_loss": round(results[0]["converged_test_loss"], 2),
        }
    in_app = [r["images_per_second"] for r in default_runs["scratch"]]  # the same settings as the bare loop
    browser = first_epoch_in_browser(runs)
    return {
        "first_epoch_on_screen_s": {"browser_median": median(browser), "runs": [round(t, 3) for t in browser],
                                    "target_at_most": 2.0},
        "default_run": summary | {"target_within_10pct_s_at_most": 10.0},
        "throughput_images_per_second": {
            "in_app_median": median(in_app), "bare_fit_median": median(bare),
            "paired_ratio_median": median([a / b for a, b in zip(in_app, bare, strict=True)]),
            "in_app_runs": [round(v) for v in in_app], "bare_runs": [round(v) for v in bare],
            "target_ratio_at_least": 0.8,
        },
    }
