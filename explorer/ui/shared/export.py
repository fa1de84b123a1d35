"""Downloads built only when asked for: a "Make GIF" (or "Make PNG") button builds the file with Pillow,
then a download button hands it over. The bytes stay in the session under the settings they were made
with, so a rerun offers the same file again without building it twice; new settings need a new click."""

from __future__ import annotations

from collections.abc import Callable, Hashable

import streamlit as st

EXPORT_PREFIX = "export_"


def _download(what: str, key: str, settings: Hashable, make: Callable[[], bytes], file_name: str, mime: str,
              help: str | None, label: str | None) -> None:
    store_key = f"{EXPORT_PREFIX}{key}"
    stored = st.session_state.get(store_key)
    made = stored[1] if stored is not None and stored[0] == settings else None
    if made is None:
        if not st.button(label or f"Make {what}", key=f"{store_key}_make", help=help):
            return
        with st.spinner(f"Making the {what}…"):
            made = make()
        st.session_state[store_key] = (settings, made)
    st.download_button(f"⬇ Download {file_name} ({len(made) / 1024:.0f} KB)", made, file_name=file_name, mime=mime,
                       key=f"{store_key}_download", on_click="ignore")


def download_gif_button(key: str, settings: Hashable, make: Callable[[], bytes], file_name: str,
                        help: str | None = None, label: str | None = None) -> None:
    """"Make GIF" (or `label`, where two sit near each other), then a button that downloads the animated GIF
    make() returns for these settings."""
    _download("GIF", key, settings, make, file_name, "image/gif", help, label)


def download_png_button(key: str, settings: Hashable, make: Callable[[], bytes], file_name: str,
                        help: str | None = None) -> None:
    """"Make PNG", then a button that downloads the picture make() returns for these settings."""
    _download("PNG", key, settings, make, file_name, "image/png", help, None)
