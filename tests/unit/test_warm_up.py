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


class FakeRuntime:
    """Runs each page of the visit for `run_s`, ending a run at once when asked to stop; `visitor_runs` is when
    a real visitor's page runs, in seconds from the start."""

    def __init__(self, run_s: float, visitor_runs: tuple[float, float] | None = None):
        self.started = time.monotonic()
        self.run_s, self.visitor_runs = run_s, visitor_runs
        self.asked: list[str] = []  # the page's URL name per run asked for, "stop" per stop
        self.asked_at: list[float] = []  # when, in seconds from the start
        self.ghost = None
        self.pending = None
        self._session_mgr = SimpleNamespace(list_active_sessions=lambda: [
            SimpleNamespace(session=SimpleNamespace(id="student", _state=self.visitor_state()))])

    def visitor_state(self):
        now = time.monotonic() - self.started
        running = self.visitor_runs is not None and self.visitor_runs[0] <= now < self.visitor_runs[1]
        return AppSessionState.APP_IS_RUNNING if running else AppSessionState.APP_NOT_RUNNING

    def connect_session(self, client, user_info):
        self.ghost = client
        return "ghost"

    def close_session(self, session_id):
        pass

    def finish(self):
        finished = ForwardMsg()
        finished.script_finished = ForwardMsg.FINISHED_SUCCESSFULLY
        self.ghost.write_forward_msg(finished)

    def handle_backmsg(self, session_id, msg):
        self.asked_at.append(time.monotonic() - self.started)
        if msg.WhichOneof("type") == "stop_script":
            self.asked.append("stop")
            self.pending.cancel()
            self.finish()
        else:
            self.asked.append(msg.rerun_script.page_name)
            self.pending = asyncio.get_running_loop().call_later(self.run_s, self.finish)


def visit(runtime: FakeRuntime):
    """open_every_page on an event loop of its own (in a thread: a browser test may run one in this one)."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, open_every_page(runtime)).result()


def test_the_visit_stops_its_page_when_a_visitors_page_starts_and_opens_it_again_after(monkeypatch):
    monkeypatch.setattr(warm_up, "DRAWING_S", 0.5)
    runtime = FakeRuntime(run_s=0.2, visitor_runs=(0.1, 0.4))
    opened, failed = visit(runtime)
    home = url_name(HOME.path)
    assert runtime.asked[:3] == [home, "stop", home]  # Home stopped for the visitor, opened again after them
    # once their run had ended (seen within one look, STEP_ASIDE_S) and their browser had time to draw it
    assert runtime.asked_at[2] >= 0.4 - warm_up.STEP_ASIDE_S + 0.5
    assert runtime.asked[3:] == [url_name(page.path) for page in PAGES]
    assert opened == [page.title for page in (HOME, *PAGES)] and not failed


def test_without_visitors_the_visit_stops_nothing():
    runtime = FakeRuntime(run_s=0.01)
    opened, _ = visit(runtime)
    assert "stop" not in runtime.asked and len(opened) == 1 + len(PAGES)
