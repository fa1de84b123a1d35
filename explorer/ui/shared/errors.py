"""How a page reports a broken shipped file: which file, what is wrong, how to rebuild."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from explorer.checkpoints.store import PretrainedFileError


def show_pretrained_error(error: PretrainedFileError) -> None:
    st.error(
        f"**A shipped file cannot be used:** `{error.path.name}`: {error.problem}.\n\n"
        f"Rebuild the shipped models with `{error.rebuild}` (or restore the file from git). "
        "The other pages still work.",
        icon="🧩",
    )


@contextmanager
def report_pretrained_error(*, stop: bool = True, heading: str | None = None) -> Iterator[None]:
    """Run the block; if a shipped file it needs cannot be used, name the file (under `heading`, the title of
    the part of the page that cannot be shown), then end the page there, or with stop=False skip the rest
    of the block and go on after it."""
    try:
        yield
    except PretrainedFileError as error:
        if heading:
            st.header(heading)
        show_pretrained_error(error)
        if stop:
            st.stop()
