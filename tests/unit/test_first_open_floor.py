"""The first-open benchmark's floor (scripts/benchmarks/first_open.py): a bare page drawing one element of each kind
a page's run sent, and the reading of those kinds from the run's messages."""

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.testing.v1 import AppTest

from scripts.benchmarks.first_open import FLOOR_DRAWS, FLOOR_PAGE, not_in_floor, page_kinds, read_frame

CANVAS = "bidi_component:streamlit-drawable-canvas.streamlit_drawable_canvas"


def floor_run(kinds: list[str]) -> AppTest:
    app = AppTest.from_string(FLOOR_PAGE, default_timeout=60)
    app.query_params["kinds"] = ",".join(kinds)
    app.run()
    assert not app.exception, app.exception
    return app


def test_the_floor_draws_one_of_each_kind_asked_and_nothing_else():
    bare = floor_run([])
    assert not bare.get("slider") and not bare.get("plotly_chart") and len(bare.markdown) == 1
    drawn = floor_run([kind for kind in FLOOR_DRAWS if kind != CANVAS])  # AppTest draws no components
    for kind in ("slider", "selectbox", "radio", "checkbox", "number_input", "plotly_chart", "expander", "popover",
                 "code", "info", "button", "download_button", "file_uploader", "button_group", "page_link"):
        assert len(drawn.get(kind)) == 1, kind
    assert len(drawn.columns) == 2


def test_a_frame_gives_the_kind_it_adds_or_the_run_s_end():
    slider, popover, canvas, finished = ForwardMsg(), ForwardMsg(), ForwardMsg(), ForwardMsg()
    slider.delta.new_element.slider.SetInParent()
    popover.delta.add_block.popover.SetInParent()
    canvas.delta.new_element.bidi_component.component_name = CANVAS.removeprefix("bidi_component:")
    finished.script_finished = ForwardMsg.FINISHED_SUCCESSFULLY
    assert read_frame(slider.SerializeToString()) == (False, "slider")
    assert read_frame(slider.SerializeToString().decode("latin-1")) == (False, "slider")  # as a text frame
    assert read_frame(popover.SerializeToString()) == (False, "block:popover")
    assert read_frame(canvas.SerializeToString()) == (False, CANVAS)
    assert read_frame(finished.SerializeToString()) == (True, None)


def test_a_page_s_kinds_gather_every_open_and_the_app_s_own_are_named():
    opens = {"/a": [{"kinds": "slider"}, {"kinds": "alert,slider"}], "/b": [{"kinds": ""}]}
    assert page_kinds(opens) == {"/a": "alert,slider", "/b": ""}
    assert not_in_floor("slider,bidi_component:latent_live_decode") == ["bidi_component:latent_live_decode"]
    assert not_in_floor("") == []
