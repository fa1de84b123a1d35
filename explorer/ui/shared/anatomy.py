"""The one page anatomy every page follows, in this order (README, "Page anatomy"):

1. `page_header`: the title and the page's question in one sentence;
2. `predict_first` (ui/shared/prediction_card.py): the "🤔 Predict first" card, a popover whose button sits at the
   top right, beside the title, taking no line: a question asked before the page shows its answer;
3. the controls, in one row;
4. the main picture;
5. the result of the last action, beside or directly under what was clicked;
6. `look_for`: what to look for, in two or three sentences;
7. `own_digit_input` (ui/shared/own_digit.py): the student's own digit;
8. `deeper`: the detailed charts, metrics and explanations, closed until a student opens them;
9. `next_link`: where the route goes next, and what that page adds.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from explorer.ui.shared.lesson_link import presenting
from explorer.ui.shared.navigation import next_page

LOOK_FOR_TITLE = "👀 What to look for"
DEEPER_TITLE = "📖 Go deeper"


def page_header(title: str, question: str) -> None:
    st.title(title)
    st.markdown(f"##### {question}")


def look_for(text: str) -> None:
    """Two or three sentences: what the student should notice in the picture above."""
    with st.container(border=True):
        st.markdown(f"**{LOOK_FOR_TITLE}.** {text}")


# One key for every page: a student who opens the details finds them open on the next page too.
DEEPER_KEY = "deeper_open"


@contextmanager
def deeper(lazy: bool = True) -> Iterator[bool]:
    """The same section on every page over the details: charts, metrics, explanations. Yields whether to draw them.

    lazy: an expander, closed at first, whose content runs only once it is opened (Streamlit's on_change="rerun").
    A page opens with what it is about, and its details cost neither the server nor the browser anything until a
    student asks for them: about a second of most pages' first open (docs/benchmarks.md). Not lazy: for a page whose
    details hold what a live run draws, always drawn; open, or in presenter mode a closed expander."""
    st.divider()
    if lazy:
        with st.expander(DEEPER_TITLE, expanded=False, key=DEEPER_KEY, on_change="rerun") as section:
            yield bool(section.open)
        return
    if presenting():
        with st.expander(DEEPER_TITLE, expanded=False):
            yield True
        return
    st.subheader(DEEPER_TITLE)
    yield True


def next_link(path: str) -> None:
    """The last line of a page: the next page of the route and what it adds."""
    following = next_page(path)
    st.divider()
    if following is None:
        st.markdown("**That is the end of the route.** Go back to any page, or try your own digit on each.")
        return
    st.page_link(following.path, label=f"**Next: {following.title}**, {following.adds}", icon=following.icon)
