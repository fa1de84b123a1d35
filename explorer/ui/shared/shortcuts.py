"""Keyboard shortcuts for a page's main actions, so that a clicker or a keyboard can drive a demo (README,
"Lesson links"). Keys avoid the browser's and Streamlit's own (r reruns, c clears the cache)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from explorer.ui.shared.lesson_link import presenting

SMALLER, LARGER = "Left", "Right"  # the arrow keys, which a presentation clicker also sends
PLAY, TRAIN_AGAIN = "P", "T"


def keys_hint(text: str) -> None:
    """One line naming a page's keyboard shortcuts, shown in presenter mode only."""
    if presenting():
        st.caption(f"⌨️ {text}")


def option_stepper(key: str, options: Sequence[Any], disabled: bool = False) -> None:
    """◀ and ▶ buttons (keys ← and →) that step the widget `key` to the previous or next of `options`; in
    presenter mode the keys are named above them, where a widget's label goes."""
    keys_hint("Keys ← and →")
    left, right = st.columns(2, gap="small")
    for column, step, label, shortcut, name in ((left, -1, "◀", SMALLER, "previous"),
                                                (right, 1, "▶", LARGER, "next")):
        target = neighbour(options, st.session_state.get(key), step)
        column.button(label, key=f"{key}_{name}", shortcut=shortcut, width="stretch",
                      disabled=disabled or target is None, on_click=_set, args=(key, target),
                      help=f"The {name} option ({shortcut} arrow key).")


def neighbour(options: Sequence[Any], value: Any, step: int) -> Any:
    """The option `step` places after `value` (before it, if negative), or None past either end."""
    if value not in options:
        return None
    position = list(options).index(value) + step
    return options[position] if 0 <= position < len(options) else None


def _set(key: str, value: Any) -> None:
    st.session_state[key] = value


_PLAY_SCRIPT = """
<script>
if (!window.explorerPlayKey) {
  window.explorerPlayKey = true;
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest("input, textarea, [contenteditable=true]");
    if (event.key.toLowerCase() !== "%s" || typing || event.ctrlKey || event.metaKey || event.altKey) return;
    const play = [...document.querySelectorAll(".updatemenu-button")].find((b) => b.textContent.includes("Play"));
    if (play) play.dispatchEvent(new MouseEvent("click", {bubbles: true}));
  });
}
</script>
"""


def play_key() -> None:
    """Key P presses the page's first ▶ Play (a Plotly animation's button, drawn in the browser, so the key is
    caught there too)."""
    st.html(_PLAY_SCRIPT % PLAY.lower(), unsafe_allow_javascript=True)
    keys_hint(f"Key {PLAY} plays the steps above.")
