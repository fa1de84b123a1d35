"""The server's start-up work, so that the first visitor waits no longer than the rest, at no more memory than
their visit costs anyway.

Before the server answers, it imports what every visit needs (torch and the library) and fills the caches every
session shares for the pages app.py names (each page's `explorer/ui/<page>/loaders.py` offers
`fill_shared_caches()`: its st.cache_resource loaders at the page's default settings), then freezes what it made out
of the garbage collector's scans. Nothing else wants the CPU then, so the work is as quick as it can be, and no
visitor meets a half-ready server: a browser that asks meanwhile is answered once it is done. It uses Streamlit's
public interface only: st.App's lifespan, and the pages' own cached loaders called directly.

Why so few pages: each costs memory that a server holds whether or not anyone opens them (importing the whole
library alone holds some 270 MB more than bare torch). Only the lesson's first pages, which every class opens at
once, were measured to pay (docs/benchmarks.md); every other page fills its caches on its first open.
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import os
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from streamlit.logger import get_logger

from explorer.core.freed_memory import give_back_freed_memory

LOGGER = get_logger(__name__)
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
    took 0.18 s of each run of each page. They live as long as the server."""
    gc.collect()
    gc.freeze()


def fill_pages(pages: tuple[str, ...], filler: Callable[[str], Callable[[], None]]) -> tuple[list[str], list[str]]:
    """Fill each page's shared caches in turn: (pages filled, pages whose filling failed: their visitor sees why)."""
    filled, failed = [], []
    for page in pages:
        try:
            filler(page)()
        except Exception:  # noqa: BLE001 -- a broken page must not stop the others; its visitor gets the error
            LOGGER.exception("Start-up: filling %s failed", page)
            failed.append(page)
        else:
            filled.append(page)
    return filled, failed


def start_up_work(pages: tuple[str, ...]) -> None:
    """The whole start-up work, logged as START_UP_REPORT once done."""
    started = time.perf_counter()
    filled, failed = fill_pages(pages, page_filler)
    freeze_start_up_objects()
    give_back_freed_memory()
    LOGGER.info("%s%s in %.1f s%s", START_UP_REPORT, ", ".join(filled) or "nothing", time.perf_counter() - started,
                f"; these failed: {', '.join(failed)}" if failed else "")


def warm_up(pages: tuple[str, ...]):
    """st.App's lifespan: the start-up work for `pages`, done before the server answers."""

    @asynccontextmanager
    async def lifespan(app) -> AsyncIterator[None]:
        if os.environ.get(WARM_UP_ENV, "").strip() == "0":
            yield
            return
        await asyncio.to_thread(start_up_work, pages_to_fill(pages))
        try:
            yield
        finally:
            gc.unfreeze()  # back to the collector, so that the interpreter's exit frees them as usual

    return lifespan
