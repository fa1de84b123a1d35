"""Every page in the one anatomy of README "Page anatomy": title, question, predict first, (controls and
pictures), what to look for, the student's own digit, go deeper, next; in that order."""

import pytest

from explorer.ui.shared.anatomy import DEEPER_KEY, DEEPER_TITLE, LOOK_FOR_TITLE
from explorer.ui.shared.navigation import HOME, PAGES, next_page
from explorer.ui.shared.prediction_card import PREDICT_TITLE
from tests.app.conftest import open_card

OWN_DIGIT_LABEL = "✏️ Your own digit"


def in_order(node) -> list[tuple[str, str]]:
    """(kind, text) of the main area's elements, depth first, as they appear on screen."""
    found = []
    for child in getattr(node, "children", {}).values():
        kind = type(child).__name__
        text = getattr(child, "label", None) if kind == "Expander" else getattr(child, "value", None)
        found.append((kind, str(text)))
        found.extend(in_order(child))
    return found


def position(elements, kind: str, starts: str) -> int:
    matches = [i for i, (k, text) in enumerate(elements) if k == kind and text.startswith(starts)]
    assert matches, f"no {kind} starting {starts!r}"
    return matches[0]


def deeper_position(elements) -> int:
    """Where "Go deeper" starts: an expander, or a heading on a page whose details hold what a live run draws."""
    shown = [i for i, (kind, text) in enumerate(elements)
             if kind in ("Expander", "Subheader") and text.startswith(DEEPER_TITLE)]
    assert shown, "no Go deeper"
    return shown[0]


@pytest.mark.parametrize("spec", (HOME, *PAGES), ids=lambda spec: spec.title)
def test_the_page_follows_the_anatomy(open_page, spec):
    app = open_card(open_page(None if spec is HOME else spec.path))
    elements = in_order(app.main)
    title = position(elements, "Title", "")
    question = position(elements, "Markdown", "##### ")
    assert elements[question][1].rstrip().endswith("?")
    predict = position(elements, "Markdown", f"**{PREDICT_TITLE}: ")
    look = position(elements, "Markdown", f"**{LOOK_FOR_TITLE}.**")
    order = [title, question, predict, look]
    if any(kind == "Expander" and text.startswith(OWN_DIGIT_LABEL) for kind, text in elements):
        order.append(position(elements, "Expander", OWN_DIGIT_LABEL))
    if spec is not HOME:
        order.append(deeper_position(elements))
    following = next_page(spec.path)
    last = (position(elements, "PageLink", f"**Next: {following.title}**") if following
            else position(elements, "Markdown", "**That is the end of the route.**"))
    order.append(last)
    assert order == sorted(order), f"{spec.title}: out of order: {order}"
    assert last == max(i for i, (kind, _) in enumerate(elements) if kind in ("Markdown", "PageLink", "Subheader"))


def walk(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from walk(child)


LAZY = [spec for spec in PAGES if spec.path not in ("app_pages/loss_balance.py", "app_pages/own_dataset.py")]


@pytest.mark.parametrize("spec", LAZY, ids=lambda spec: spec.title)
def test_go_deeper_runs_nothing_until_a_student_opens_it(open_page, spec):
    """Closed at first and empty (its charts cost the first open nothing); opened, it holds the page's details."""
    app = open_page(spec.path, deeper_open=False)
    section = next(node for node in walk(app.main) if type(node).__name__ == "Expander"
                   and str(node.label).startswith(DEEPER_TITLE))
    assert not list(walk(section))
    app.session_state[DEEPER_KEY] = True
    app.run()
    assert not app.exception, app.exception
    section = next(node for node in walk(app.main) if type(node).__name__ == "Expander"
                   and str(node.label).startswith(DEEPER_TITLE))
    assert list(walk(section))
