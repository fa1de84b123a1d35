"""The glossary (explorer/core/glossary.py, app_pages/glossary.py): reachable from every page, and every term a
page shows is a link to it the first time the page shows it (issue 26: μ, σ, ε, N(0, I), nats, KL, MIG, ...)."""

from __future__ import annotations

import re

import pytest

from explorer.core.glossary import GLOSSARY_URL, TERMS, term
from explorer.ui.shared.navigation import GLOSSARY, HOME, PAGES, url_name
from explorer.ui.shared.prediction_card import PREDICT_TITLE
from tests.app.conftest import open_card
from tests.app.test_page_anatomy import in_order

TEXT_KINDS = {"Title", "Header", "Subheader", "Markdown", "Caption", "Info", "Success", "Warning", "Error"}
LINK = re.compile(rf'\[([^\]]*)\]\({GLOSSARY_URL}#([\w-]+)(?: "[^"]*")?\)')


def segments(text: str) -> list[tuple[str, str | None]]:
    """The text cut into (words, anchor): a glossary link's words with its anchor, the words between with None.
    A link's hover text is left out: it is no use of a term on screen."""
    found, at = [], 0
    for link in LINK.finditer(text):
        found += [(text[at:link.start()], None), (link.group(1), link.group(2))]
        at = link.end()
    return found + [(text[at:], None)]


def unlinked_first_uses(texts: list[str], page: str) -> list[str]:
    """Each term whose first use in `texts` (in screen order) is not a link to that term, with what surrounds it."""
    pieces = [piece for text in texts for piece in segments(text)]
    problems = []
    for each in TERMS:
        if each.pages and page not in each.pages:
            continue
        for words, anchor in pieces:
            match = re.search(each.pattern, words)
            if match:
                if anchor != each.anchor:
                    problems.append(f"{each.key}: …{words[max(0, match.start() - 60):match.end() + 40]}…")
                break
    return problems


def test_a_term_is_a_link_to_its_heading_with_its_first_sentence_as_hover():
    assert url_name(GLOSSARY.path) == GLOSSARY_URL
    assert len({each.anchor for each in TERMS}) == len(TERMS)
    link = term("KL")
    assert link.startswith(f"[KL]({GLOSSARY_URL}#kl-how-far-one-distribution-is-from-another \"The Kullback")
    assert segments(f"the {link} of it") == [("the ", None), ("KL", TERMS[5].anchor), (" of it", None)]
    assert unlinked_first_uses([f"a {term('KL')} and a KL"], "home") == []
    assert unlinked_first_uses(["a KL", f"then {term('KL')}"], "home")[0].startswith("KL: …a KL")


def test_the_glossary_page_holds_every_term_under_its_anchor(open_page):
    app = open_page(GLOSSARY.path)
    headings = {header.proto.anchor: header.value for header in app.subheader}
    assert headings == {each.anchor: each.name for each in TERMS}
    assert all(any(each.plain == md.value for md in app.markdown) for each in TERMS)


def screen_texts(app) -> tuple[list[str], list[str]]:
    """The page's texts in screen order with its prediction card open, and the same without the card's: a term's
    first use must be linked whether or not the student opens the card."""
    texts = [text for kind, text in in_order(app.main) if kind in TEXT_KINDS]
    return texts, [text for text in texts if not text.startswith(f"**{PREDICT_TITLE}")]


@pytest.mark.parametrize("spec", (HOME, *PAGES), ids=lambda spec: spec.title)
def test_every_page_links_each_term_where_it_first_shows_it(open_page, spec):
    """The page as it opens: each term's first use on screen links to the glossary, and the sidebar links there."""
    app = open_card(open_page(None if spec is HOME else spec.path))
    for texts in screen_texts(app):
        assert not unlinked_first_uses(texts, url_name(spec.path)), unlinked_first_uses(texts, url_name(spec.path))
    assert [link.proto.page for link in app.sidebar.get("page_link")] == [GLOSSARY_URL]
