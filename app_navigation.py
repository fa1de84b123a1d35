"""The script every visit runs: the lesson-wide settings (explorer/ui/shared/lesson_link.py), page config,
readable style, the presenter switch, and the sidebar's pages (explorer/ui/shared/navigation.py).

`streamlit run app.py` serves it; app.py adds the server's start-up work around it."""

import streamlit as st

from explorer.core.runtime import set_app_threads
from explorer.ui.server.memory import mark_session
from explorer.ui.shared.lesson_link import presenter_switch, presenting, read_lesson_query
from explorer.ui.shared.navigation import GLOSSARY, HOME, PAGES
from explorer.ui.shared.style import apply_readable_style

set_app_threads()
mark_session()  # what the session holds is given back to the system once it ends

read_lesson_query()  # before the page: presenter mode sets the style and the sidebar's switch
st.set_page_config(page_title="Autoencoder Explorer", page_icon="🧠", layout="wide")
presenter_switch()
apply_readable_style(presenting())

glossary = st.Page(GLOSSARY.path, title=GLOSSARY.title, icon=GLOSSARY.icon, visibility="hidden")
navigation = st.navigation(
    [st.Page(HOME.path, title=HOME.title, icon=HOME.icon, default=True)]
    + [st.Page(page.path, title=page.title, icon=page.icon) for page in PAGES] + [glossary],
    expanded=True,  # the whole route in view: past 12 pages Streamlit folds the last ones under "View N more"
)
st.sidebar.page_link(glossary, label=GLOSSARY.title, icon=GLOSSARY.icon, help=GLOSSARY.blurb)
navigation.run()
