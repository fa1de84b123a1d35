"""The glossary: every term a page links to (explorer/core/glossary.py), in plain words, each under a heading
whose anchor the links name. Off the route: the sidebar lists it under the pages, and a term's link opens it."""

import streamlit as st

from explorer.core.glossary import TERMS

st.title("📖 Glossary")
st.markdown("##### The words the pages use, in plain words. A term underlined on a page links here.")
for each in TERMS:
    st.subheader(each.name, anchor=each.anchor)
    st.markdown(each.plain)
