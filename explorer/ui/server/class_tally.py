"""The server's one class tally, shared by every session: in this process (the default), or in Redis when
EXPLORER_REDIS_URL is set, so that the processes of a lecture hall share it (README, "A lecture hall")."""

from __future__ import annotations

import os

import streamlit as st

from explorer.core.class_tally import ClassTally, InProcessTally
from explorer.core.redis_tally import REDIS_URL_VARIABLE, RedisTally


@st.cache_resource(show_spinner=False)
def class_tally() -> ClassTally:
    url = os.environ.get(REDIS_URL_VARIABLE, "").strip()
    return RedisTally(url) if url else InProcessTally()
