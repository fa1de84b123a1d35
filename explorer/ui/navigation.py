"""The app's pages in one place: app.py builds the navigation from it, the home page its links."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    path: str
    title: str
    icon: str
    blurb: str


HOME = PageSpec("app_pages/home.py", "Home", "🏠", "What an autoencoder is, drawn by a real one.")
PAGES = (
    PageSpec(
        "app_pages/bottleneck.py", "Bottleneck", "🗜️",
        "Squeeze digits through k numbers and see what survives, beside PCA, the linear baseline.",
    ),
    PageSpec(
        "app_pages/latent_map.py", "Latent map", "🗺️",
        "Click a map of the codes: where a plain autoencoder has holes, a VAE can generate.",
    ),
    PageSpec(
        "app_pages/loss_balance.py", "Loss balance", "⚖️",
        "Move β and watch a VAE retrain live: sharp reconstructions against a tidy, sampleable latent space.",
    ),
    PageSpec(
        "app_pages/diffusion.py", "Diffusion", "🌫️",
        "Noise a digit into static, then watch a trained network turn static into digits, in pixels and in codes.",
    ),
    PageSpec(
        "app_pages/denoising.py", "Denoising", "🧽",
        "Add noise to digits: a denoising autoencoder cleans it off, where a plain one can make it worse.",
    ),
    PageSpec(
        "app_pages/anomaly.py", "Anomaly", "🚨",
        "An autoencoder that never saw one digit redraws it badly: use that error to flag the unusual.",
    ),
)
