"""Autoencoder Explorer: `streamlit run app.py`.

The server runs app_navigation.py for every visit. Before it answers, it imports the library; then, in the
background, it opens every page once, so that the first student (often the teacher, in front of the class)
finds the shared models and results ready (explorer/ui/server/warm_up.py)."""

import streamlit as st

from explorer.ui.server.browser_files import browser_file_routes
from explorer.ui.server.warm_up import warm_up

app = st.App("app_navigation.py", lifespan=warm_up, routes=browser_file_routes())
