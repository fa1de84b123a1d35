"""The Home page's shipped model: the one its diagram passes a digit through (st.cache_resource, shared)."""

from __future__ import annotations

from torch import nn

from explorer.ui.shared.resources import bundled_data, pretrained_model

DIAGRAM_MODEL = "ae_k16"


def diagram_model() -> nn.Module:
    return pretrained_model(DIAGRAM_MODEL)


def fill_shared_caches() -> None:
    """What a first visit of Home loads (the server's start-up work calls it: explorer/ui/server/warm_up.py)."""
    bundled_data()
    diagram_model()
