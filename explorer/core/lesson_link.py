"""Lesson-wide URL parameters, which outlive a page switch (README, "Lesson links"): `presenter`, `lock` and
`class`. No streamlit here: explorer/ui/shared/lesson_link.py keeps them in session state and
explorer/ui/shared/view_link.py writes them back into each page's URL."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable

from explorer.core.view_link import RefusedValue, ViewParam

PRESENTER, LOCK, CLASS = "presenter", "lock", "class"
LESSON_NAMES = (PRESENTER, LOCK, CLASS)
PRESENTER_PARAM = ViewParam(PRESENTER, "lesson_presenter", bool)
CLASS_ID = re.compile(r"[\w-]{1,32}", re.ASCII)  # letters, digits, _ and -: safe in a URL and a file name
CLASS_ID_LENGTH = 8


def parse_class(raw: str) -> str:
    """The class tally id `raw` stands for: 1 to 32 letters, digits, - or _; RefusedValue otherwise."""
    text = str(raw).strip()
    if not CLASS_ID.fullmatch(text):
        raise RefusedValue(raw)
    return text


def new_class_id() -> str:
    """A fresh random tally id that parse_class accepts."""
    return secrets.token_urlsafe(CLASS_ID_LENGTH)[:CLASS_ID_LENGTH]


def parse_lock(raw: str) -> list[str]:
    """The parameter names of a `lock` value, "k, mode" -> ["k", "mode"], in order, each once; empty parts
    dropped. Whether each name is a control of the page is for the page to say (see split_lock)."""
    names = [name.strip() for name in str(raw).split(",")]
    return list(dict.fromkeys(name for name in names if name))


def split_lock(names: Iterable[str], known: Iterable[str]) -> tuple[list[str], list[str]]:
    """(the names a page can lock, the names it cannot): a page locks only its own URL parameters."""
    known = set(known)
    names = list(names)
    return [name for name in names if name in known], [name for name in names if name not in known]


def format_lock(names: Iterable[str]) -> str:
    """The `lock` value for these names: parse_lock gives them back."""
    return ",".join(names)
