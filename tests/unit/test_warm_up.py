import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.app_session import AppSessionState

from explorer.ui.server import warm_up
from explorer.ui.server.warm_up import WARM_UP_ENV, GhostVisitor, open_every_page, warm_up_wanted
from explorer.ui.shared.navigation import HOME, PAGES, url_name


def element_message(kind: str, alert_format=None) -> ForwardMsg:
    msg = ForwardMsg()
    if kind == "exception":
        msg.delta.new_element.exception.message = "boom"
    elif kind == "alert":
        msg.delta.new_element.alert.body = "a note"
        msg.delta.new_element.alert.format = alert_format
    else:
        msg.delta.new_element.markdown.body = "text"
    return msg


def test_url_names_are_the_paths_streamlit_serves_the_pages_at():
    assert url_name("app_pages/latent_map.py") == "latent_map"
    assert {url_name(page.path) for page in PAGES} >= {"bottleneck", "diffusion", "vqvae"}


def test_the_visitor_notes_the_end_of_a_run_and_only_real_errors():
    visitor = GhostVisitor()
    for msg in (element_message("markdown"), element_message("alert", Alert.WARNING),
                element_message("alert", Alert.INFO)):
        visitor.write_forward_msg(msg)
    assert not visitor.saw_error and not visitor.run_finished.is_set()
    finished = ForwardMsg()
    finished.script_finished = ForwardMsg.FINISHED_SUCCESSFULLY
    visitor.write_forward_msg(finished)
    assert visitor.run_finished.is_set()
    for failing in (element_message("exception"), element_message("alert", Alert.ERROR)):
        visitor = GhostVisitor()
        visitor.write_forward_msg(failing)
        assert visitor.saw_error


def test_the_start_up_visit_is_on_unless_switched_off(monkeypatch):
    monkeypatch.delenv(WARM_UP_ENV, raising=False)
    assert warm_up_wanted()
    monkeypatch.setenv(WARM_UP_ENV, "0")
    assert not warm_up_wanted()


def test_what_start_up_made_is_left_out_of_the_collectors_scans():
    import gc

    from explorer.ui.server.warm_up import freeze_start_up_objects

    made_before = [[] for _ in range(3)]
    try:
        freeze_start_up_objects()
        assert gc.get_freeze_count() > 10_000  # the test session's imports: torch, streamlit, the library
        made_later = [[] for _ in range(3)]
        scanned = gc.get_objects()
        assert not any(item is made_before[0] for item in scanned)
        assert any(item is made_later[0] for item in scanned)
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0


def test_the_visit_waits_only_while_a_real_visitors_page_runs():
    from explorer.ui.server.warm_up import visitors_running

    def runtime(*sessions):
        infos = [SimpleNamespace(session=SimpleNamespace(id=id_, _state=state)) for id_, state in sessions]
        return SimpleNamespace(_session_mgr=SimpleNamespace(list_active_sessions=lambda: infos))

    ghost = "ghost"
    assert not visitors_running(runtime((ghost, AppSessionState.APP_IS_RUNNING)), ghost)
    assert not visitors_running(runtime((ghost, AppSessionState.APP_IS_RUNNING),
                                        ("student", AppSessionState.APP_NOT_RUNNING)), ghost)
    assert visitors_running(runtime((ghost, AppSessionState.APP_NOT_RUNNING),
                                    ("student", AppSessionState.APP_IS_RUNNING)), ghost)
    assert not visitors_running(SimpleNamespace(), ghost)  # Streamlit's private list gone: no waiting


def test_streamlit_still_keeps_the_session_list_where_the_visit_reads_it():
    """Otherwise the visit would silently stop stepping aside."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.session_manager import SessionManager

    assert "_session_mgr" in Runtime.__init__.__code__.co_names
    assert hasattr(SessionManager, "list_active_sessions")
    assert "_state" in AppSession.__init__.__code__.co_names


LOOK_S = 1 / 16  # fake seconds between two looks of the visit: a power of two, so that sums of it are exact


class FakeRuntime:
    """Runs each page of the visit until the visit's next look at the session list; stops a run at once when asked.
    Time is a fake clock that moves LOOK_S at each of those looks, so what the visit does depends on events and
    their order, not on how busy the machine is. With `visitor_looks`, a real visitor's page starts as the visit
    first opens Home and runs for that many looks."""

    def __init__(self, visitor_looks: int = 0):
        self.now = 0.0  # the fake clock, in seconds
        self.visitor_looks = visitor_looks
        self.visitor_running = False
        self.visitor_last_running_at: float | None = None  # the last look that saw the visitor's page running
        self.asked: list[str] = []  # the page's URL name per run asked for, "stop" per stop
        self.asked_at: list[float] = []  # when, on the fake clock
        self.ghost = None
        self.ghost_running = False
        self._session_mgr = SimpleNamespace(list_active_sessions=self.look)

    def monotonic(self) -> float:
        return self.now

    def look(self):
        self.now += LOOK_S
        if self.ghost_running and not self.visitor_running:  # a page of the visit runs till the next look
            self.finish()
        if self.visitor_running:
            self.visitor_running = self.visitor_looks > 0
            self.visitor_looks -= 1
        if self.visitor_running:
            self.visitor_last_running_at = self.now
        state = AppSessionState.APP_IS_RUNNING if self.visitor_running else AppSessionState.APP_NOT_RUNNING
        return [SimpleNamespace(session=SimpleNamespace(id="student", _state=state))]

    def connect_session(self, client, user_info):
        self.ghost = client
        return "ghost"

    def close_session(self, session_id):
        pass

    def finish(self):
        self.ghost_running = False
        finished = ForwardMsg()
        finished.script_finished = ForwardMsg.FINISHED_SUCCESSFULLY
        self.ghost.write_forward_msg(finished)

    def handle_backmsg(self, session_id, msg):
        self.asked_at.append(self.now)
        if msg.WhichOneof("type") == "stop_script":
            self.asked.append("stop")
            self.finish()
        else:
            self.asked.append(msg.rerun_script.page_name)
            self.ghost_running = True
            if self.visitor_looks and len(self.asked) == 1:
                self.visitor_running = True


def visit(runtime: FakeRuntime, monkeypatch):
    """open_every_page on the runtime's clock and an event loop of its own (in a thread: a browser test may run one
    in this one), never sleeping: each wait of the visit ends at once, and the clock moves at its next look."""
    monkeypatch.setattr(warm_up, "time", SimpleNamespace(monotonic=runtime.monotonic, perf_counter=time.perf_counter))
    monkeypatch.setattr(warm_up, "STEP_ASIDE_S", 0)
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, open_every_page(runtime)).result()


def test_the_visit_stops_its_page_when_a_visitors_page_starts_and_opens_it_again_after(monkeypatch):
    runtime = FakeRuntime(visitor_looks=4)
    opened, failed = visit(runtime, monkeypatch)
    home = url_name(HOME.path)
    assert runtime.asked[:3] == [home, "stop", home]  # Home stopped for the visitor, opened again after them
    # once their run had ended and their browser had had DRAWING_S to draw it
    assert runtime.asked_at[2] >= runtime.visitor_last_running_at + warm_up.DRAWING_S
    assert runtime.asked[3:] == [url_name(page.path) for page in PAGES]
    assert opened == [page.title for page in (HOME, *PAGES)] and not failed


def test_without_visitors_the_visit_stops_nothing(monkeypatch):
    runtime = FakeRuntime()
    opened, _ = visit(runtime, monkeypatch)
    assert "stop" not in runtime.asked and len(opened) == 1 + len(PAGES)
