"""show_chart: a chart that depends only on its arguments is built once per server for every session that shows the
same, and anew for what differs (other arguments, presenter mode's bigger text); its screen-reader table holds the
figure's numbers."""

import functools
import json

import pandas as pd
from streamlit.testing.v1 import AppTest

from explorer.ui.bottleneck import deeper, keys
from explorer.ui.shared.style import SMALLEST_TEXT_PX, TABLE_ROWS, table_html
from tests.app.conftest import new_session

BOTTLENECK = "app_pages/bottleneck.py"


def another_session(page: str) -> AppTest:
    """A second visitor of the same server (open_page empties the shared caches of a test that patches)."""
    app = new_session()
    app.run()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def error_curve_spec(app: AppTest) -> dict:
    chart = next(element for element in app.get("plotly_chart") if keys.CURVE_CHART in element.proto.id)
    return json.loads(chart.proto.spec)


def test_a_chart_is_built_once_for_every_session_that_shows_the_same(open_page, monkeypatch):
    built = []
    original = deeper.error_curve_figure

    @functools.wraps(original)  # the same name: show_chart keys its cache by the builder's module and name
    def counting(*args):
        built.append(args[-1])  # the k it marks
        return original(*args)

    monkeypatch.setattr(deeper, "error_curve_figure", counting)
    first = open_page(BOTTLENECK)
    assert len(built) == 1
    second = another_session(BOTTLENECK)
    assert len(built) == 1, "a second session at the same k built the chart again"
    assert error_curve_spec(second) == error_curve_spec(first)

    first.segmented_control(key=keys.K).set_value(2).run()
    assert built == [built[0], 2], "another k did not build its own chart"


def test_presenter_mode_has_its_own_chart_with_bigger_text(open_page):
    plain = error_curve_spec(open_page(BOTTLENECK))
    presenting = new_session()
    presenting.query_params["presenter"] = "true"
    presenting.switch_page(BOTTLENECK).run()
    assert not presenting.exception, presenting.exception
    projected = error_curve_spec(presenting)
    assert plain["layout"]["font"]["size"] == SMALLEST_TEXT_PX + 1
    assert projected["layout"]["font"]["size"] > plain["layout"]["font"]["size"]


def test_the_screen_reader_table_holds_every_row_and_escapes_text():
    table = pd.DataFrame({"k": [2, 4], "error": [0.0512345678, 0.25], "model": ["AE <plain>", "PCA"]})
    html = table_html(table)
    assert html.count("<tr>") == len(table) + 1  # the header row and one per row
    for cell in ("<th>error</th>", "<td>0.0512346</td>", "<td>AE &lt;plain&gt;</td>", "<td>4</td>"):
        assert cell in html
    assert table_html(table.iloc[:0]) == ""
    assert table_html(pd.DataFrame({"x": range(TABLE_ROWS + 1)})) == ""
