"""Autoencoder Explorer: `streamlit run app.py`.

The server runs app_navigation.py for every visit. Before it answers, it imports the library; then, in the
background, it opens every page once, so that the first student (often the teacher, in front of the class)
finds the shared models and results ready (explorer/ui/server/warm_up.py). It keeps glibc's malloc to a few arenas
(explorer/core/freed_memory.py), so that a class's freed memory can be reused and handed back."""

import os

import streamlit as st

from explorer.core.freed_memory import limit_malloc_arenas
from explorer.ui.server.warm_up import warm_up

if "MALLOC_ARENA_MAX" not in os.environ:  # a host's own setting wins
    limit_malloc_arenas()  # before the sessions' threads: the memory they free stays in fewer arenas
app = st.App("app_navigation.py", lifespan=warm_up)
