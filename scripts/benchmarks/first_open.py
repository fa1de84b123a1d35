"""The first visitor's wait: each page opened in headless Chromium from the address typed to the page drawn (the
script run ended and every image loaded), on a server that has just started to answer, and on one that has been
up for 30 s. (What the start-up work, explorer/ui/server/warm_up.py, costs and saves is `startup`'s to measure.)

Each open is split in three, read from the page's websocket: the browser starting Streamlit's own scripts (to
the socket's opening), the server's run (from the browser asking for the page to the run's end), and the browser
drawing what came (to every element drawn and every image loaded). Each page is set against its floor, measured in
the same run: a bare Streamlit page with one element of each kind the page's run sent (a Plotly chart, a picture, a
slider, an expander, the drawing canvas...), opened the same way; a new tab loads and runs the code that draws each
kind (Plotly's, above all) before it draws the page, so no page of this app can open faster than its floor on the
machine measuring.
Targets: once the server is up, floor + 0.5 s; on a fresh server, floor + 1 s.

A fresh-server open starts a server of its own for each page, so nothing a previous open left helps it. After
30 s, one server per run takes every page in turn, each in a new browser session.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from scripts.app_process import (
    ROOT,
    free_port,
    launch_chromium,
    start_app,
    stop_app,
    wait_for_app,
    wait_until_healthy,
)
from scripts.benchmarks.stats import median

UP_FOR_S = 30  # "after the server has been up for 30 s"
FRESH_OVER_FLOOR_S = 1.0
SETTLED_OVER_FLOOR_S = 0.5
# The floor: a title, a line, and one small element of each kind named in ?kinds= (as the page's own run sent them:
# an element's type, a block's "block:" type, a component's "bidi_component:" name). A new tab loads the code that
# draws each kind the first time it meets one (Plotly's, a slider's, a file uploader's...), so the floor is
# Streamlit's own cost of a page of that make-up, whoever writes it. A kind not here is the app's own (its live decode).
FLOOR_DRAWS = {
    "plotly_chart": "import plotly.graph_objects as go; st.plotly_chart(go.Figure(go.Scatter(y=[1, 3, 2])))",
    "imgs": "st.image(np.linspace(0, 1, 28 * 28).reshape(28, 28), width=140)",
    "vega_lite_chart": 'st.line_chart({"loss": [3.0, 2.0, 1.5]})',
    "table": 'st.table({"a": [1, 2], "b": [3, 4]})',
    "html": 'st.html("<p>Some <b>HTML</b>.</p>")',
    "alert": 'st.info("A note.")',
    "code": 'st.code("some code", language=None)',
    "empty": 'st.empty().write("A place.")',
    "page_link": 'st.page_link("https://example.org", label="A link")',
    "button": 'st.button("A button")',
    "download_button": 'st.download_button("A download", data="text")',
    "checkbox": 'st.checkbox("A checkbox")',
    "button_group": 'st.pills("Pills", ["a", "b"])',
    "radio": 'st.radio("A radio", ["a", "b"], horizontal=True)',
    "selectbox": 'st.selectbox("A selectbox", ["a", "b"])',
    "slider": 'st.slider("A slider", 0, 10, 5)',
    "number_input": 'st.number_input("A number", 0, 10, 5)',
    "file_uploader": 'st.file_uploader("A file")',
    "block:column": '[column.write("A column.") for column in st.columns(2)]',
    "block:expandable": 'st.expander("An expander").write("Inside.")',
    "block:popover": 'st.popover("A popover").write("Inside.")',
    "block:flex_container": 'st.container(horizontal=True).write("A row.")',
    "bidi_component:streamlit-drawable-canvas.streamlit_drawable_canvas":
        'from streamlit_drawable_canvas import st_canvas; st_canvas(height=84, width=84, key="canvas")',
}
FLOOR_PAGE = """import numpy as np
import streamlit as st

st.title("Bare")
st.write("A page with nothing of this app in it.")
kinds = st.query_params.get("kinds", "").split(",")
""" + "".join(f"if {kind!r} in kinds:\n    {draw}\n" for kind, draw in FLOOR_DRAWS.items())
# Kinds every page draws that the floor's title and line stand for, or that only hold other elements.
ALWAYS_DRAWN = {"heading", "markdown", "block:vertical", "block:transparent"}
PARTS = ("total", "browser_start", "server_run", "browser_draw")


def route_paths() -> list[str]:
    from explorer.ui.shared.navigation import PAGES, url_name

    return ["/", *(f"/{url_name(page.path)}" for page in PAGES)]


def read_frame(payload: bytes | str) -> tuple[bool, str | None]:
    """(whether this message ends a script run, the element kind it adds, if any)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = ForwardMsg()
    message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode("latin-1"))
    if message.WhichOneof("type") != "delta":
        return message.WhichOneof("type") == "script_finished", None
    delta = message.delta
    if delta.WhichOneof("type") == "add_block":
        return False, f"block:{delta.add_block.WhichOneof('type')}"
    if delta.WhichOneof("type") != "new_element":
        return False, None
    kind = delta.new_element.WhichOneof("type")
    return False, f"{kind}:{delta.new_element.bidi_component.component_name}" if kind == "bidi_component" else kind


def time_open(browser, port: int, path: str) -> dict[str, float]:
    """Seconds from typing the address of `path` to the page drawn, in a new browser session, and its parts."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    marks: dict[str, float] = {}
    kinds: set[str] = set()

    def note_run_end(payload) -> None:
        ended, kind = read_frame(payload)
        if ended:
            marks["ended"] = time.perf_counter()  # the last run's end: a page may rerun itself once
        elif kind:
            kinds.add(kind)

    def watch(socket) -> None:
        marks.setdefault("connected", time.perf_counter())
        socket.on("framesent", lambda _: marks.setdefault("asked", time.perf_counter()))
        socket.on("framereceived", note_run_end)

    page.on("websocket", watch)
    try:
        started = time.perf_counter()
        page.goto(f"http://127.0.0.1:{port}{path}")
        wait_for_app(page, timeout=180_000, still_ms=0)
        drawn = time.perf_counter()
        return {"total": drawn - started, "browser_start": marks["connected"] - started,
                "server_run": marks["ended"] - marks["asked"], "browser_draw": drawn - marks["ended"],
                "kinds": ",".join(sorted(kinds - ALWAYS_DRAWN))}
    finally:
        page.close()


def on_a_new_server(env: dict[str, str] | None, wait_s: float, visits, script: str = "app.py", cwd: Path = ROOT):
    """visits(port) on a server of its own, started with `env` and up for `wait_s` after it first answered."""
    port = free_port()
    process = start_app(port, script, cwd, env=env)
    try:
        wait_until_healthy(port, process, timeout=300)
        time.sleep(wait_s)
        return visits(port)
    finally:
        stop_app(process)


def fresh_opens(browser, runs: int) -> dict[str, list[dict]]:
    return {path: [on_a_new_server(None, 0, lambda port, path=path: time_open(browser, port, path))
                   for _ in range(runs)] for path in route_paths()}


def settled_opens(browser, runs: int) -> dict[str, list[dict]]:
    times: dict[str, list[dict]] = {path: [] for path in route_paths()}
    for _ in range(runs):
        opened = on_a_new_server(None, UP_FOR_S, lambda port: {path: time_open(browser, port, path) for path in times})
        for path, parts in opened.items():
            times[path].append(parts)
    return times


def floor_opens(browser, runs: int, kind_sets: set[str]) -> dict[str, list[dict]]:
    """Each set of element kinds' floor page, opened `runs` times on one server up for 2 s, in new browser sessions:
    every floor once per round, so that a slow spell of the machine falls on all of them alike.
    The server reads the app's own settings (.streamlit/: its theme's system font, which a new tab need not load)."""
    def rounds(port: int) -> dict[str, list[dict]]:
        opens: dict[str, list[dict]] = {kinds: [] for kinds in sorted(kind_sets)}
        for _ in range(runs):
            for kinds, times in opens.items():
                times.append(time_open(browser, port, f"/?kinds={quote(kinds)}"))
        return opens

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "floor.py").write_text(FLOOR_PAGE)
        shutil.copytree(ROOT / ".streamlit", Path(folder) / ".streamlit")
        return on_a_new_server(None, 2, rounds, "floor.py", Path(folder))


def summary(times: dict[str, list[dict]]) -> dict:
    """Per page: the median of each part (the parts' medians need not add up to the total's) and every total."""
    return {path: {**{f"{part}_s": median([o[part] for o in opens]) for part in PARTS},
                   "runs": [round(o["total"], 2) for o in opens]} for path, opens in times.items()}


def page_kinds(times: dict[str, list[dict]]) -> dict[str, str]:
    """The element kinds each page's runs sent, over all its opens."""
    return {path: ",".join(sorted({kind for o in opens for kind in o["kinds"].split(",") if kind}))
            for path, opens in times.items()}


def not_in_floor(kinds: str) -> list[str]:
    """The kinds in `kinds` that a floor page cannot draw: the app's own."""
    return sorted(set(kinds.split(",")) - set(FLOOR_DRAWS) - {""})


def against_floor(times: dict[str, list[dict]], kinds: dict[str, str], floors: dict[str, list[dict]],
                  allowed_s: float) -> dict:
    """Per page: its median, its floor's (the same run's bare page with its element kinds), the difference, met?"""
    verdicts = {}
    for path, opens in times.items():
        page, floor = median([o["total"] for o in opens]), median([o["total"] for o in floors[kinds[path]]])
        verdicts[path] = {"median_s": page, "floor_s": floor, "over_floor_s": round(page - floor, 3),
                          "kinds": kinds[path] or "none", "not_in_floor": not_in_floor(kinds[path]),
                          "meets_target": page - floor <= allowed_s}
    return verdicts


def run(runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        settled = settled_opens(browser, runs)
        kinds = page_kinds(settled)
        floors = floor_opens(browser, runs, set(kinds.values()))
        fresh = fresh_opens(browser, runs)
        browser.close()
    return {
        "floors": summary(floors),
        f"server_up_{UP_FOR_S}s": against_floor(settled, kinds, floors, SETTLED_OVER_FLOOR_S),
        "fresh_server": against_floor(fresh, kinds, floors, FRESH_OVER_FLOOR_S),
        "parts": {f"server_up_{UP_FOR_S}s": summary(settled), "fresh_server": summary(fresh)},
        "targets_over_floor_s": {f"server_up_{UP_FOR_S}s": SETTLED_OVER_FLOOR_S, "fresh_server": FRESH_OVER_FLOOR_S},
    }
