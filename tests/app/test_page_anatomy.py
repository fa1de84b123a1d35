"""Every page in the one anatomy of README "Page anatomy": title, question, predict first, (controls and
pictures), what to look for, the student's own digit, go deeper, next; in that order."""

import pytest

from explorer.ui.shared.anatomy import DEEPER_TITLE, LOOK_FOR_TITLE
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
        order.append(position(elements, "Subheader", DEEPER_TITLE))
    following = next_page(spec.path)
    last = (position(elements, "PageLink", f"**Next: {following.title}**") if following
            else position(elements, "Markdown", "**That is the end of the route.**"))
    order.append(last)
    assert order == sorted(order), f"{spec.title}: out of order: {order}"
    assert last == max(i for i, (kind, _) in enumerate(elements) if kind in ("Markdown", "PageLink", "Subheader"))
