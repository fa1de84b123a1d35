"""The server's start-up work, so that the first visitor waits no longer than the rest.

Before the server answers, it imports the whole library (torch, the models, the figures): every page needs it,
and a visitor would otherwise wait for it. Once it answers, a visitor with no browser opens every page of the
route once, in the background: that loads the shipped models and fills the caches every session shares, as a
student's first visit would, by running the pages' own code at their default settings. It steps aside for real
visitors: it starts no page while one of theirs is running or, for a few seconds after, being drawn, and stops
its own page when one of theirs starts (opening it again afterwards).

Why not open every page before answering: the teacher's first page, usually Home, would wait for all of them
(some 12 s more on 2 cores) where it now waits for no more than the visit's page to reach its next Streamlit
call.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import gc
import importlib
import os
import pkgutil
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from streamlit.logger import get_logger
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime import Runtime
from streamlit.runtime.app_session import AppSessionState
from streamlit.runtime.session_manager import SessionClient

import explorer
from explorer.ui.shared.navigation import HOME, PAGES, url_name

LOGGER = get_logger(__name__)
PAGE_TIMEOUT_S = 600  # a page that has not finished by then (a very slow machine) is left to its first visitor
STEP_ASIDE_S = 0.05  # how often the visit looks whether a real visitor's page has started or is still running
MAX_STOPS = 3  # times a page of the visit may be stopped for real visitors before it is left to them
# After a visitor's run ends, their browser still draws what it sent: 1.5 to 2.6 s for a new tab of a page with
# Plotly charts on 2 cores. Where the browser shares the server's machine (a teacher running the app on a
# laptop), the visit waits that long before it takes the CPU again.
DRAWING_S = 3.0
WARM_UP_ENV = "EXPLORER_WARM_UP"  # "0": no start-up visit (the benchmarks' "before")


def import_library() -> None:
    """Import every module of explorer, and with them torch, plotly and sklearn; and torch's compiler, which torch
    imports only when a page first makes an optimiser (live training) or counts a network's multiply-adds
    (Diffusion): about a second that page's first visitor would otherwise wait."""
    for module in pkgutil.walk_packages(explorer.__path__, prefix="explorer."):
        importlib.import_module(module.name)
    importlib.import_module("torch._dynamo")


def give_back_freed_memory() -> None:
    """Hand the memory the visit freed back to the system (glibc's malloc keeps it otherwise: about 70 MB here,
    most of it from the batches the pages scored); elsewhere than glibc, nothing to do."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def warm_up_wanted() -> bool:
    return os.environ.get(WARM_UP_ENV, "1").strip() != "0"


class GhostVisitor(SessionClient):
    """A session with no browser behind it: it drops what the script sends, but notes when a run ends and
    whether the page showed an error."""

    def __init__(self) -> None:
        self.run_finished = asyncio.Event()
        self.saw_error = False

    def write_forward_msg(self, msg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "script_finished":
            self.run_finished.set()
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            self.saw_error |= element.WhichOneof("type") == "exception" or (
                element.WhichOneof("type") == "alert" and element.alert.format == Alert.ERROR)

    @property
    def client_context(self):
        return None


def visitors_running(runtime: Runtime, own_id: str) -> bool:
    """Whether a page of a real visitor is running now. It reads Streamlit's session list, which is not public:
    should that change, the visit no longer steps aside, and nothing else breaks."""
    try:
        return any(info.session.id != own_id and info.session._state == AppSessionState.APP_IS_RUNNING
                   for info in runtime._session_mgr.list_active_sessions())
    except AttributeError:
        return False


class VisitorWatch:
    """Whether real visitors' pages are running, or ended so recently that their browsers may still be drawing."""

    def __init__(self, runtime: Runtime, own_id: str):
        self.runtime, self.own_id = runtime, own_id
        self.last_seen: float | None = None  # when a visitor's page was last seen running

    def running(self) -> bool:
        if visitors_running(self.runtime, self.own_id):
            self.last_seen = time.monotonic()
            return True
        return False

    def busy(self) -> bool:
        return self.running() or (self.last_seen is not None and time.monotonic() - self.last_seen < DRAWING_S)


async def open_page(runtime: Runtime, session_id: str, visitor: GhostVisitor, page, watch: VisitorWatch) -> bool:
    """Run `page` in the visit's session, stopping it as soon as a real visitor's page starts to run (at the
    page's next Streamlit call), so that the visitor does not share the CPU with it: True when it ran to the end."""
    visitor.run_finished.clear()
    visitor.saw_error = False
    rerun = BackMsg(rerun_script=ClientState(query_string="", page_name=url_name(page.path)))
    runtime.handle_backmsg(session_id, rerun)
    deadline = time.monotonic() + PAGE_TIMEOUT_S
    stopped = False
    while not visitor.run_finished.is_set():
        if time.monotonic() > deadline:
            raise TimeoutError
        if not stopped and watch.running():
            runtime.handle_backmsg(session_id, BackMsg(stop_script=True))
            stopped = True
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(visitor.run_finished.wait(), timeout=STEP_ASIDE_S)
    return not stopped


async def open_every_page(runtime: Runtime) -> tuple[list[str], list[str]]:
    """Open Home and every page of the route in one session, one after the other, each while no real visitor's
    page is running or being drawn; a page stopped for a visitor is opened again once they are done, up to
    MAX_STOPS times: (pages opened, pages that showed an error)."""
    visitor = GhostVisitor()
    session_id = runtime.connect_session(client=visitor, user_info={})
    watch = VisitorWatch(runtime, session_id)
    started = time.perf_counter()
    opened, failed, left = [], [], []
    try:
        for page in (HOME, *PAGES):
            for _ in range(MAX_STOPS + 1):
                while watch.busy():
                    await asyncio.sleep(STEP_ASIDE_S)
                if await open_page(runtime, session_id, visitor, page, watch):
                    (failed if visitor.saw_error else opened).append(page.title)
                    break
            else:
                left.append(page.title)
    except TimeoutError:
        LOGGER.warning("Start-up: %s took over %d s; its first visitor will load it", page.title, PAGE_TIMEOUT_S)
    finally:
        runtime.close_session(session_id)
        give_back_freed_memory()
    LOGGER.info("Start-up: opened %s in %.1f s%s%s", ", ".join(opened), time.perf_counter() - started,
                f"; these showed an error: {', '.join(failed)}" if failed else "",
                f"; left to their first visitors, stopped {MAX_STOPS + 1} times for them: {', '.join(left)}"
                if left else "")
    return opened, failed


def freeze_start_up_objects() -> None:
    """Leave what exists now (torch and the library: some 350,000 objects; after the visit, the shipped models
    too) out of the garbage collector's scans. Streamlit runs a full collection after every script run, and
    scanning them took 0.18 s of each run of each page. They live as long as the server; should any of them be
    freed in a cycle (a page's figure in flight at the moment of the freeze), the cycle stays until it stops."""
    gc.collect()
    gc.freeze()


async def open_every_page_then_freeze(runtime: Runtime) -> None:
    await open_every_page(runtime)
    freeze_start_up_objects()


@asynccontextmanager
async def warm_up(app) -> AsyncIterator[None]:
    """st.App's lifespan (Streamlit's runtime has started; the server answers once this yields): import and
    freeze before answering, then open every page in the background."""
    if not warm_up_wanted():
        yield
        return
    import_library()
    freeze_start_up_objects()
    task = asyncio.create_task(open_every_page_then_freeze(Runtime.instance()))
    try:
        yield
    finally:
        task.cancel()
        gc.unfreeze()  # back to the collector, so that the interpreter's exit frees them as usual
