"""The script every visit runs: page config, readable style, and the sidebar's pages (explorer/ui/navigation.py).

`streamlit run app.py` serves it; app.py adds the server's start-up work around it."""

import streamlit as st

from explorer.core.runtime import set_app_threads
from explorer.ui.navigation import HOME, PAGES
from explorer.ui.style import apply_readable_style

set_app_threads()

st.set_page_config(page_title="Autoencoder Explorer", page_icon="🧠", layout="wide")
apply_readable_style()

navigation = st.navigation(
    [st.Page(HOME.path, title=HOME.title, icon=HOME.icon, default=True)]
    + [st.Page(page.path, title=page.title, icon=page.icon) for page in PAGES]
)
navigation.run()
