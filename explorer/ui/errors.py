"""How a page reports a broken shipped file: which file, what is wrong, how to rebuild."""

from __future__ import annotations

import streamlit as st

from explorer.checkpoints import REBUILD_COMMAND, PretrainedFileError


def show_pretrained_error(error: PretrainedFileError) -> None:
    st.error(
        f"**A shipped file cannot be used:** `{error.path.name}`: {error.problem}.\n\n"
        f"Rebuild the shipped models with `{REBUILD_COMMAND}` (or restore the file from git). "
        "The other pages still work.",
        icon="🧩",
    )
