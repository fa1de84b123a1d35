from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from explorer.ui.navigation import PAGES, url_name
from explorer.ui.warm_up import WARM_UP_ENV, GhostVisitor, warm_up_wanted


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

    from explorer.ui.warm_up import freeze_start_up_objects

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
