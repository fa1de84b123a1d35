"""A model trained live while a page watches: fit() in a worker thread, each epoch handed to the page
as a view, and a run that fails or is interrupted ended cleanly with what it learned so far."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

import numpy as np
import torch

from explorer.core.priority import lower_this_thread
from explorer.core.runtime import DeviceError, pick_device
from explorer.models.base import Autoencoder
from explorer.models.mlp_vae import MLPVAE, MLPVAEConfig
from explorer.training.fit import EpochReport, NonFiniteLossError, TrainConfig, fit

# Live training on a CPU uses one thread: with this small MLP, two threads on a busy 2-core machine
# ran 6 to 10 times slower than one (spinning threads wait on each other), and a shared host is busy.
LIVE_CPU_THREADS = 1
TRAINING_THREAD = "live-training"  # the worker thread's name, and its warm-up's prefix
SETTLE_SECONDS = 30.0  # longer than any epoch of a live run, even on a busy CPU


class RunPlan(Protocol):
    """A run's settings: whatever a page keeps, as long as it says how to train."""

    def train_config(self) -> TrainConfig: ...


class RunStatus(StrEnum):
    """Where a live run stands: training until train_live ends it in one of the other three."""

    TRAINING = "training"
    FINISHED = "finished"  # every epoch trained
    STOPPED = "stopped"  # interrupted: the student moved a widget or started a new run
    FAILED = "failed"  # a NaN loss, out of memory or another error; `problem` says which


@dataclass
class LiveRun:
    """One run of one session: its settings, every epoch shown so far, and how it ended."""

    settings: RunPlan
    model: Autoencoder
    device: str
    views: list[Any] = field(default_factory=list)  # one per epoch, whatever the page's view function makes
    status: RunStatus = RunStatus.TRAINING
    problem: str | None = None  # why it failed, in words
    trained_at: list[float] = field(default_factory=list)  # time.perf_counter() at the end of each epoch
    shown: list[tuple[int, float]] = field(default_factory=list)  # (epochs done, time.perf_counter()) per redraw
    ended: threading.Event = field(default_factory=threading.Event, repr=False)  # set when train_live has ended

    @property
    def last(self) -> Any | None:
        return self.views[-1] if self.views else None

    def settled(self, timeout: float = SETTLE_SECONDS) -> LiveRun:
        """This run, once its training has ended. A widget moved mid-run makes Streamlit start the page's next
        script run while the interrupted one is still stopping the training at the end of its epoch: read in
        that gap, the run would still be training, so the next run waits here. A run that never reached
        train_live (stopped while waiting for a slot) has no epochs and no thread to wait for."""
        if self.views:
            self.ended.wait(timeout)
        return self


@contextmanager
def torch_threads(count: int | None) -> Iterator[None]:
    """torch's intra-op thread count set to `count` (None: unchanged) for the block, then restored."""
    previous = torch.get_num_threads()
    if count is not None:
        torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


class _StopRequested(Exception):
    """Raised inside fit() by the training thread when the page asked the run to stop."""


def train_live(
    run: LiveRun, train_images: np.ndarray, test_images: np.ndarray,
    view: Callable[[Autoencoder, EpochReport], Any], on_view: Callable[[Any], None], poll_seconds: float = 0.02,
) -> LiveRun:
    """fit() the run's model in a worker thread at a lower OS priority; the calling (script) thread draws each
    new epoch.

    After each epoch `view(model, report)` makes what the page draws. Drawing charts can cost about as
    long as a CPU epoch, so it runs beside the training instead of between epochs. Each new view is passed
    to `on_view` (when drawing falls behind, only the newest). A failure (NaN loss, out of memory) ends
    the run as "failed" with what it learned so far. An interruption of the calling thread (Streamlit
    stopping the script because a widget moved) stops the training at its next epoch, ends the run as
    "stopped" and propagates.
    """
    stop = threading.Event()
    done = threading.Event()

    def on_epoch(report: EpochReport) -> None:
        run.views.append(view(run.model, report))
        run.trained_at.append(time.perf_counter())
        if stop.is_set():
            raise _StopRequested

    def work() -> None:
        lower_this_thread()  # heavy work: a page run waiting for the core gets it first
        try:
            with torch_threads(LIVE_CPU_THREADS if run.device == "cpu" else None):
                fit(run.model, train_images, test_images, run.settings.train_config(),
                    device=torch.device(run.device), on_epoch=on_epoch)
            run.status = RunStatus.FINISHED
        except _StopRequested:
            run.status = RunStatus.STOPPED
        except NonFiniteLossError as error:
            run.status, run.problem = RunStatus.FAILED, f"the loss stopped being a number ({error})"
        except torch.OutOfMemoryError:
            run.status, run.problem = RunStatus.FAILED, f"the {run.device} ran out of memory"
        except Exception as error:  # any other failure: the page reports it, the next run still works
            run.status, run.problem = RunStatus.FAILED, f"{type(error).__name__}: {error}"
        finally:
            run.model.to("cpu").eval()  # decoded on the CPU afterwards, whatever it trained on
            done.set()

    worker = threading.Thread(target=work, name=TRAINING_THREAD, daemon=True)
    worker.start()
    drawn = 0
    try:
        while True:
            finished = done.wait(poll_seconds)
            if len(run.views) > drawn:
                drawn = len(run.views)
                on_view(run.views[drawn - 1])
                run.shown.append((drawn, time.perf_counter()))
            elif finished:
                break
    except BaseException:
        stop.set()
        worker.join()
        run.status = RunStatus.STOPPED
        raise
    finally:
        run.ended.set()
    return run


def live_device() -> tuple[str, str | None]:
    """(device to train on, a notice when $EXPLORER_DEVICE asked for one that cannot be used)."""
    try:
        return pick_device().type, None
    except DeviceError as error:
        return "cpu", f"{error} Training on the CPU instead."


def warm_up_training() -> None:
    """A few steps of a throwaway run: a fresh process pays seconds of one-off torch set-up in its
    first training epoch (measured here: 4.6 s against 0.9 s for the next), better paid before a
    student starts a run. Most of it is importing torch._dynamo, which torch's optimizers do when the first one is
    made (1.3 s and 149 MB here): a server where nobody trains never pays it. fit() reseeds torch's global
    generator, so a run waits for this before seeding."""
    generator = torch.Generator().manual_seed(0)
    images = torch.rand(256, 1, 28, 28, generator=generator)
    fit(MLPVAE(MLPVAEConfig()), images[:128], images[128:], TrainConfig(epochs=1, batch_size=64),
        device=torch.device("cpu"))


class DeferredWarmUp:
    """`work` (the warm-up above) in a thread of its own, at a lower priority, started `delay_s` after this is made:
    made on a page's first open, it would otherwise share the CPU with that open, which it slowed by 0.3 s
    (docs/benchmarks.md); a student reads before training. It still slows whatever the server does while it works
    (Python's lock held by imports), once per server. A run that needs it sooner asks with join()."""

    def __init__(self, work: Callable[[], None], delay_s: float):
        self._needed = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(work, delay_s), name=f"{TRAINING_THREAD}-warm-up",
                                        daemon=True)
        self._thread.start()

    def _run(self, work: Callable[[], None], delay_s: float) -> None:
        lower_this_thread()  # heavy work, below the page runs' priority like every training run
        self._needed.wait(delay_s)
        work()

    def join(self) -> None:
        """Until the warm-up is done, starting it now if it is still waiting."""
        self._needed.set()
        self._thread.join()
