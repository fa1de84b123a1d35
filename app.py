"""Autoencoder Explorer: `streamlit run app.py`.

The server runs app_navigation.py for every visit. Before it answers, it imports torch and the library and fills
the shared caches of the lesson's first pages, so that the first student (often the teacher, in front of the class)
finds their models ready (explorer/ui/server/warm_up.py). It keeps glibc's malloc to a few arenas
(explorer/core/freed_memory.py), so that a class's freed memory can be reused and handed back."""

import os

import streamlit as st

from explorer.core.freed_memory import limit_malloc_arenas
from explorer.ui.server.browser_files import browser_file_routes
from explorer.ui.server.warm_up import warm_up

# The pages whose shared caches the server fills at start-up, in this order (url names): only those measured to
# save their first visitor more than they cost (docs/benchmarks.md, "What the server does at start-up").
START_UP_PAGES = ("home", "bottleneck")

if "MALLOC_ARENA_MAX" not in os.environ:  # a host's own setting wins
    limit_malloc_arenas()  # before the sessions' threads: the memory they free stays in fewer arenas
app = st.App("app_navigation.py", lifespan=warm_up(START_UP_PAGES), routes=browser_file_routes())
