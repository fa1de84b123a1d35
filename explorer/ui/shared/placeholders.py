"""A placeholder that appears only when something is drawn into it."""

from __future__ import annotations

from typing import Any


class LazyPlaceholder:
    """st.empty() in `parent`, made at its first use.

    An st.empty() made at the top of a script run clears what the previous run drew there at once,
    so while a slow step runs (a training epoch) the page loses its charts and jumps. Made just before
    the first draw, it replaces the old element in the same update: the old chart stays on screen
    until then, and a Vega-Lite chart keeps its view and only takes the new data.
    """

    def __init__(self, parent: Any):
        self._parent = parent
        self._slot = None

    def __getattr__(self, name: str) -> Any:  # container, image, caption...: the st.empty()'s methods
        if self._slot is None:
            self._slot = self._parent.empty()
        return getattr(self._slot, name)
