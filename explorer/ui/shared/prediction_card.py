"""The prediction card (README "Predict, then reveal"): a question the student answers before the page shows
the answer, then the measured answer, and, in a lesson, how the class answered.

A page calls `predict_first` right under its header. The card is a popover whose button sits at the top right
of the page, beside the title, and takes no line of its own: the main picture and the results stay where they
were on a 1366 x 768 screen, and open over them only when asked. Its question is measured only when the card is
opened (a rerun): measuring some answers takes a second on a fresh server, which the page's first visitor, often
the teacher, would otherwise wait for on every page, card opened or not."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from explorer.checkpoints.store import PretrainedFileError
from explorer.core.class_tally import TallyUnavailable
from explorer.core.prediction import OpenQuestion, Prediction, percent
from explorer.ui.server.class_tally import class_tally

PREDICT_TITLE = "🤔 Predict first"
CLASS_KEY = "lesson_class"  # set by a lesson link (class=<id> in its URL); only read here
TALLY_UNAVAILABLE = ("⚠️ The class tally cannot be reached right now, so only your own answer is counted here. "
                     "It joins the class's count once the tally is back.")
BAR_WIDTH = 20  # characters of a bar that holds the whole class
CARD_KEY = "predict_card"
MEASURING = "Measuring the answer to this page's question…"  # each page's predictions.py spins with it
OPEN_KEY = "predict_card_open"  # the popover's open state: its content runs only while it is open
# Out of the page's flow, in the empty band above the title's right end (style.py leaves 2.2rem there).
_CARD_CSS = f"""<style>
[data-testid="stMainBlockContainer"] {{ position: relative; }}
[data-testid="stMainBlockContainer"] [data-testid="stLayoutWrapper"]:has(> .st-key-{CARD_KEY}) {{
  position: absolute; top: 0.5rem; right: 5rem; width: auto; z-index: 10; }}
</style>"""


def predict_first(measure: Callable[[], Prediction | OpenQuestion]) -> None:
    """The card; `measure` returns the page's Prediction (a cached loader from explorer/ui/<page>/predictions.py), or an
    OpenQuestion while its answer waits for something the student does: then Reveal stays off, saying what."""
    st.html(_CARD_CSS)
    with st.container(key=CARD_KEY):  # out of the flow (the CSS above); the fragment draws inside it
        card(measure)


@st.fragment
def card(measure: Callable[[], Prediction | OpenQuestion]) -> None:
    """The popover and what it holds: a fragment, so that opening it, picking an answer and revealing it rerun
    only the card, not the page under it (nothing else on a page depends on the card)."""
    # No hover text: it would lie over the question the click has just opened.
    popover = st.popover(PREDICT_TITLE, key=OPEN_KEY, on_change="rerun")
    if popover.open:
        with popover:
            ask(measure)


def ask(measure: Callable[[], Prediction | OpenQuestion]) -> None:
    """The card's content: the question, the choices, Reveal, then the answer and the class's shares."""
    try:
        prediction = measure()
    except PretrainedFileError:  # the page names the file where it needs it; the card just steps aside
        st.caption("This page's question needs a shipped file that cannot be used.")
        return
    key = f"predict_{prediction.card_id}"
    revealed = f"{key}_revealed"  # False, or the choice last revealed: a widget's own state goes with its page
    kept = st.session_state.get(revealed)
    st.markdown(f"**{PREDICT_TITLE}: {prediction.question}**")
    choice = st.radio("Your prediction", prediction.choices, horizontal=True, key=f"{key}_choice",
                      index=prediction.choices.index(kept) if kept in prediction.choices else None)
    if isinstance(prediction, OpenQuestion):  # the choice is kept (its widget key) until the answer exists
        st.button("Reveal", key=f"{key}_reveal", disabled=True, help=prediction.until)
        st.caption(prediction.until)
        return
    if not kept or choice is None:  # the click sets it before the rerun, so the button goes at once
        st.button("Reveal", key=f"{key}_reveal", disabled=choice is None,
                  on_click=st.session_state.__setitem__, args=(revealed, True),
                  help="Pick an answer first." if choice is None else "Show the measured answer.")
        return
    st.session_state[revealed] = choice
    show_answer(prediction, choice)
    class_id = st.session_state.get(CLASS_KEY)
    if isinstance(class_id, str) and class_id:
        show_class_shares(prediction, count_in_class(class_id, prediction.card_id, choice, f"{key}_receipt"))


def count_in_class(class_id: str, card_id: str, choice: str, receipt_key: str) -> dict[str, int]:
    """Count this session's choice in its class (moving its earlier vote, whose receipt is kept under
    `receipt_key`) and return the class's counts; while the tally cannot be reached, the student's answer alone,
    counted on a later run (the receipt is kept only for a vote that was counted)."""
    try:
        st.session_state[receipt_key] = class_tally().vote(class_id, card_id, choice,
                                                           previous=st.session_state.get(receipt_key))
        return class_tally().counts(class_id, card_id)
    except TallyUnavailable:
        st.caption(TALLY_UNAVAILABLE)
        return {choice: 1}


def show_answer(prediction: Prediction, choice: str) -> None:
    verdict = ("✅ You predicted it." if choice == prediction.answer
               else f"❌ You predicted *{choice}*.")
    st.markdown(f"**Measured answer: {prediction.answer}.** {verdict}\n\n{prediction.measured}\n\n"
                f"**Why:** {prediction.why}")


def share_lines(prediction: Prediction, counts: dict[str, int]) -> list[str]:
    """One line per choice: a bar of its share drawn in text, the count and the share; the answer marked."""
    total = max(sum(counts.values()), 1)
    lines = []
    for choice in prediction.choices:
        count = counts.get(choice, 0)
        filled = round(BAR_WIDTH * count / total)
        mark = " ✓" if choice == prediction.answer else ""
        lines.append(f"`{'█' * filled}{'░' * (BAR_WIDTH - filled)}` {count} ({percent(count / total)}): {choice}{mark}")
    return lines


def show_class_shares(prediction: Prediction, counts: dict[str, int]) -> None:
    total = sum(counts.values())
    st.markdown(f"**Your class so far: {total} prediction{'s' if total != 1 else ''}** (counts only, no names)\n\n"
                + "  \n".join(share_lines(prediction, counts)))
