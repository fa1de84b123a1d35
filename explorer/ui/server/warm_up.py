"""The server's start-up work, so that the first visitor waits no longer than the rest, at no more memory than
their visit costs anyway.

The server answers at once. Then a background thread, at a lower OS priority than page runs, fills the caches
every session shares for the pages app.py names (each page's `explorer/ui/<page>/loaders.py` offers
`fill_shared_caches()`: its st.cache_resource loaders at the page's default settings), one page after the other,
and freezes what it made out of the garbage collector's scans. Before each page it steps aside: it waits while a
visitor's page runs or is being drawn (visitor_runs.py). It uses Streamlit's public interface only: st.App's
lifespan, and the pages' own cached loaders called directly.

Why so few pages: each costs memory that a server holds whether or not anyone opens them (importing the whole
library alone holds some 270 MB more than bare torch), and a page filled in the background shares the CPU with
the first visitor's browser. Only the lesson's first pages, which every class opens at once, were measured to pay
(docs/benchmarks.md); every other page fills its caches on its first open.
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import os
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from streamlit.logger import get_logger

from explorer.core.freed_memory import give_back_freed_memory
from explorer.core.priority import lower_this_thread
from explorer.ui.server.visitor_runs import VISITOR_RUNS, VisitorRuns

LOGGER = get_logger(__name__)
STEP_ASIDE_S = 0.05  # how often the work looks whether a visitor's page is still running or being drawn
WARM_UP_ENV = "EXPLORER_WARM_UP"  # "0": no start-up work (the benchmarks' "before"); "home,bottleneck": those pages
START_UP_REPORT = "Start-up: filled "  # the line logged once the work is done (scripts/app_process.py waits for it)


def pages_to_fill(default: tuple[str, ...]) -> tuple[str, ...]:
    """$EXPLORER_WARM_UP's pages (url names, comma-separated), else `default` (unset or "1")."""
    configured = os.environ.get(WARM_UP_ENV, "").strip()
    if not configured or configured == "1":
        return default
    return tuple(name.strip() for name in configured.split(",") if name.strip())


def page_filler(page: str) -> Callable[[], None]:
    """The page's fill_shared_caches(), imported only when its turn comes: importing is part of the work."""
    return importlib.import_module(f"explorer.ui.{page}.loaders").fill_shared_caches


def freeze_start_up_objects() -> None:
    """Leave what exists now (torch, the library, the shipped models loaded: hundreds of thousands of objects) out
    of the garbage collector's scans. Streamlit runs a full collection after every script run, and scanning them
    took 0.18 s of each run of each page. They live as long as the server; should any of them be freed in a cycle
    (a visitor's figure in flight at the moment of the freeze), the cycle stays until it stops."""
    gc.collect()
    gc.freeze()


def fill_pages(pages: tuple[str, ...], visitors: VisitorRuns, stopping: threading.Event,
               filler: Callable[[str], Callable[[], None]] = page_filler,
               sleep: Callable[[float], object] = time.sleep) -> tuple[list[str], list[str]]:
    """Fill each page's shared caches in turn, each once no visitor's page is running or being drawn:
    (pages filled, pages whose filling failed: their first visitor sees why)."""
    filled, failed = [], []
    for page in pages:
        while visitors.busy() and not stopping.is_set():
            sleep(STEP_ASIDE_S)
        if stopping.is_set():
            break
        try:
            filler(page)()
        except Exception:  # noqa: BLE001 -- a broken page must not stop the others; its visitor gets the error
            LOGGER.exception("Start-up: filling %s failed", page)
            failed.append(page)
        else:
            filled.append(page)
    return filled, failed


def start_up_work(pages: tuple[str, ...], visitors: VisitorRuns = VISITOR_RUNS,
                  stopping: threading.Event | None = None) -> None:
    """The background thread's whole job, logged as START_UP_REPORT once done."""
    lower_this_thread()
    stopping = stopping or threading.Event()
    started = time.perf_counter()
    filled, failed = fill_pages(pages, visitors, stopping)
    while visitors.busy() and not stopping.is_set():  # a visitor's objects in flight would be frozen with the rest
        time.sleep(STEP_ASIDE_S)
    freeze_start_up_objects()
    give_back_freed_memory()
    LOGGER.info("%s%s in %.1f s%s", START_UP_REPORT, ", ".join(filled) or "nothing", time.perf_counter() - started,
                f"; these failed: {', '.join(failed)}" if failed else "")


def warm_up(pages: tuple[str, ...]):
    """st.App's lifespan: answer at once, and do the start-up work for `pages` in a background thread."""

    @asynccontextmanager
    async def lifespan(app) -> AsyncIterator[None]:
        if os.environ.get(WARM_UP_ENV, "").strip() == "0":
            yield
            return
        stopping = threading.Event()
        worker = threading.Thread(target=start_up_work, args=(pages_to_fill(pages), VISITOR_RUNS, stopping),
                                  name="start-up-work", daemon=True)
        worker.start()
        try:
            yield
        finally:
            stopping.set()
            await asyncio.to_thread(worker.join, 10)
            gc.unfreeze()  # back to the collector, so that the interpreter's exit frees them as usual

    return lifespan
