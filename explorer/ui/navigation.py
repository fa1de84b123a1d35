"""The app's pages in one place: app.py builds the navigation from it, the home page its links."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    path: str
    title: str
    icon: str
    blurb: str


HOME = PageSpec("pages/home.py", "Home", "🏠", "What an autoencoder is, drawn by a real one.")
PAGES = (
    PageSpec(
        "pages/bottleneck.py", "Bottleneck", "🗜️",
        "Squeeze digits through k numbers and see what survives, beside PCA, the linear baseline.",
    ),
    PageSpec(
        "pages/latent_map.py", "Latent map", "🗺️",
        "Click a map of the codes: where a plain autoencoder has holes, a VAE can generate.",
    ),
)
