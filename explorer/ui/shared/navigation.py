"""The app's pages in course order: app.py builds the sidebar from it, the home page its links and
lesson path, and every page its "next" link."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    path: str
    title: str
    icon: str
    blurb: str  # what the page shows, for the home page's list
    adds: str = ""  # what the page adds to the ones before it, for the previous page's "next" link
    lesson_minutes: int = 0  # its share of the home page's 45-minute lesson path
    lesson_task: str = ""  # what to do there during the lesson


HOME = PageSpec("app_pages/home.py", "Home", "🏠", "What an autoencoder is, drawn by a real one.",
                adds="what an autoencoder is", lesson_minutes=3,
                lesson_task="Read the picture: encoder, code, decoder. Press *Show another digit* twice.")
# The route of a course: each page builds on the ones before it, the hardest come last.
PAGES = (
    PageSpec(
        "app_pages/bottleneck.py", "Bottleneck", "🗜️",
        "Squeeze digits through k numbers and see what survives, beside PCA, the linear baseline.",
        adds="how much a code of k numbers keeps, and why bends beat a straight line (PCA)",
        lesson_minutes=7,
        lesson_task="Step k from 64 down to 2. At which k do digits start turning into other digits?",
    ),
    PageSpec(
        "app_pages/inside_network.py", "Inside the network", "🔬",
        "Follow a digit through a conv autoencoder layer by layer, and shift it: does conv beat fully connected?",
        adds="the layers inside: a digit's feature maps on the way to the code and back, and what shifting it does",
    ),
    PageSpec(
        "app_pages/sparse_codes.py", "Sparse codes", "✨",
        "Make a wide code pay for every unit it uses: most units go quiet; see what the rest learn to draw.",
        adds="a wide code kept mostly quiet by a penalty, and the picture each of its units draws",
    ),
    PageSpec(
        "app_pages/latent_map.py", "Latent map", "🗺️",
        "Click a map of the codes: where a plain autoencoder has holes, a VAE can generate.",
        adds="a map of the codes themselves: click anywhere and decode it, a plain AE beside a VAE",
        lesson_minutes=10,
        lesson_task="Click an empty spot on each map. Which model draws a digit there? Then walk between two dots.",
    ),
    PageSpec(
        "app_pages/denoising.py", "Denoising", "🧽",
        "Add noise to digits: a denoising autoencoder cleans it off, where a plain one can make it worse.",
        adds="a new training target: noisy in, clean out",
        lesson_minutes=6,
        lesson_task=("Try all three kinds of noise at a high level. Does the plain autoencoder help or harm, "
                     "and does it depend on the noise?"),
    ),
    PageSpec(
        "app_pages/anomaly.py", "Anomaly", "🚨",
        "An autoencoder that never saw one digit reconstructs it badly: use that error to flag the unusual.",
        adds="a use for the reconstruction error: spotting what the model never saw",
        lesson_minutes=7,
        lesson_task="Pick each unseen digit in turn. Which is easiest to catch, and which hides among the others?",
    ),
    PageSpec(
        "app_pages/loss_balance.py", "Loss balance", "⚖️",
        "Move β and watch a VAE retrain live: sharp reconstructions against a tidy, sampleable latent space.",
        adds="the VAE's two-part loss, and the knob β that trades sharp copies against good samples",
        lesson_minutes=7,
        lesson_task="Compare the shipped runs from small to large β, then train one β of your own.",
    ),
    PageSpec(
        "app_pages/vae_posterior.py", "Inside the VAE", "🎲",
        "See a digit's code as a small cloud, not a point, and the trick that lets a VAE learn through a random draw.",
        adds="a look inside the VAE: each digit's code is a small cloud, and z = μ + σ·ε samples it",
        lesson_task="Click a few dots, then press Draw another ε: where can the sample land, and does its decode "
                    "change?",
    ),
    PageSpec(
        "app_pages/shapes.py", "Shapes", "🔷",
        "Shapes made from five known factors: does a larger β give each factor a code dimension of its own?",
        adds="pictures whose true causes are known, and a score for whether β untangles them",
        lesson_task="Walk the rows at β = 1 and at the largest β. Does any row move only one thing?",
    ),
    PageSpec(
        "app_pages/diffusion.py", "Diffusion", "🌫️",
        "Noise a digit into static, then watch a trained network turn static into digits, in pixels and in codes.",
        adds="generation by many small denoising steps, from pure static to a digit",
        lesson_minutes=5,
        lesson_task="Play the reverse steps. When does a digit first appear, and does it start in pixels or in codes?",
    ),
    PageSpec(
        "app_pages/vqvae.py", "VQ-VAE", "🧩",
        "Encode a digit as a 7 × 7 grid of tokens from a learned codebook, then edit the tokens and decode.",
        adds="discrete codes: a grid of tokens from a learned codebook, what many image generators generate",
        lesson_task="Click a cell and step its token up and down. Then randomise all 49: why does a generator "
                    "need a prior?",
    ),
    PageSpec(
        "app_pages/own_dataset.py", "Your data set", "📂",
        "Upload a small data set of your own, or take the example shapes, and train an AE or a VAE on it live.",
        adds="your own images: train an AE or a VAE on a data set you bring, and see what it learns from it",
    ),
)

# Off the route and out of the sidebar's list (st.Page visibility "hidden"): every page reaches it through its
# terms' links (explorer/core/glossary.py term()) and the sidebar's own link under the list.
GLOSSARY = PageSpec("app_pages/glossary.py", "Glossary", "📖", "The words the pages use, in plain words.")


def url_name(path: str) -> str:
    """The name Streamlit gives a page in its URL: app_pages/latent_map.py -> latent_map."""
    return path.rsplit("/", 1)[-1].removesuffix(".py")


def next_page(path: str) -> PageSpec | None:
    """The page after `path` on the route (the first page after Home), or None after the last."""
    route = (HOME, *PAGES)
    paths = [page.path for page in route]
    if path not in paths:
        raise ValueError(f"{path} is not a page of the app")
    position = paths.index(path)
    return route[position + 1] if position + 1 < len(route) else None
