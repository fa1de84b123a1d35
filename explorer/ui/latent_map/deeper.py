"""The Latent map page's *Go deeper* part: the sampling experiment (can random codes make new digits?), the
decoded planes under the exact maps, what UMAP and t-SNE distort, and how to read the maps."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.core.projection import METHODS
from explorer.topics.latent_map.logic import KINDS, LatentSpace
from explorer.topics.latent_map.pictures import clearness
from explorer.topics.latent_map.sampling import STRIP_SHOWN, STRIPS, code_cloud, farthest_from_zero
from explorer.topics.latent_map.shipped import PairLikeness
from explorer.topics.latent_map.story import plane_story, sampling_story, size_story
from explorer.ui.latent_map.likeness import size_distortion, strip_pictures, tinted_plane
from explorer.ui.shared.judge_ladder import show_judge_ladder

READING_GUIDE = """
- **The maps.** A code has k numbers; a screen has two. PCA lays the codes flat on the slice they spread
  most along (a point of the map is exactly one code). UMAP and t-SNE lay them out so that each code keeps
  its nearest neighbours close, bending larger distances to do it: they cannot be run backwards exactly,
  and the sizes of their groups and the gaps between groups do not mean what they seem. At k = 2 the code
  *is* a point of the plane.
- **Where the codes are.** A plain autoencoder learns to decode the codes its training images produced,
  wherever its encoder happened to put them: nothing in its training says where that is. To make new
  digits with it, you first have to measure where its codes are, as the third strip above does.
- **The VAE's trick.** It encodes each image as a small cloud rather than a point and pays a penalty for
  straying from N(0, I). Its codes end up spread much like N(0, I) (the numbers are under the strips), so
  draws from N(0, I) land in the same region as its codes: the VAE can **generate** new codes without
  measuring first.
- **The straight line.** A walk between two codes passes through blends of the two digits. The chart
  under the walk shows how real the digit judge finds each step, for both models.
"""


def show_sampling(k: str, likeness: PairLikeness, spaces: dict[str, LatentSpace]) -> None:
    """Three strips of decodes of random codes, each scored over every draw, and what the scores show."""
    st.subheader("Can random codes make new digits?")
    st.markdown(
        "The usual recipe for a new digit: draw each number of the code from **N(0, I)**, the bell curve around 0 "
        "with a spread of 1 (each number on its own, mostly between −2 and 2), and decode it. It is the shape a "
        "VAE is trained to fill. The plain autoencoder gets a second try, with draws from a bell curve fitted to "
        "where its own codes are."
    )
    pictures = strip_pictures(k)
    verdicts = likeness.verdicts.sets
    for strip in STRIPS:
        score = likeness.samples[strip.key]
        row = st.columns([3, 10, 2], vertical_alignment="center")
        row[0].markdown(f"**{strip.title}**")
        row[1].image(pictures[strip.key], width="stretch",
                     alt=f"{strip.title}: the decodes of the first {STRIP_SHOWN} draws (judged real "
                         f"{verdicts[strip.key].share_real:.1%}, confidence {score.mean_confidence:.2f})")
        row[2].markdown(f"judged real **{verdicts[strip.key].share_real:.1%}**  \nconfidence "
                        f"{score.mean_confidence:.2f}  \nspread {score.class_spread:.2f}")
    st.caption(
        f"Each strip shows the first {STRIP_SHOWN} of {verdicts['ae_normal'].images:,} draws; the numbers "
        f"cover them all. The first N(0, I) draws are the shipped black crosses #0 to #{STRIP_SHOWN - 1} on the "
        "maps above. **Judged real**: the share of decodes that the digit judge (below) places inside the "
        "neighbourhood of a real held-out digit; real held-out digits score "
        f"{likeness.verdicts.real.share_real:.0%}. The redder a picture's background, the further it falls "
        "short of that. **Confidence**: how sure the digit classifier (a small network trained to name real "
        "digits) is, on average, of its top digit: it names a digit even for static, so it is shown only "
        f"beside (real held-out digits: {likeness.real.mean_confidence:.2f}). **Spread**: how evenly the "
        "classifier's answers cover the ten digits (1: all ten equally often; 0: always the same one)."
    )
    st.markdown(sampling_story(int(k), likeness.verdicts, likeness.samples,
                               {kind: code_cloud(spaces[kind].codes) for kind in KINDS},
                               farthest_from_zero(likeness.draws("normal"))))
    show_judge_ladder()


def shading(likeness: PairLikeness | None, space: LatentSpace) -> np.ndarray | None:
    """How clearly the digit judge calls every cell's decode real (pictures.clearness): shipped for the exact
    maps only (on UMAP and t-SNE a cell's code is a blend of its neighbours', so its score would describe the
    blend, not the place)."""
    grid = likeness.verdicts.grid(space.kind) if likeness is not None and space.latent_map.exact else None
    return clearness(grid) if grid is not None and len(grid) == len(space.latent_map.grid_codes) else None


def show_planes(k: str, method: str, likeness: PairLikeness | None, spaces: dict[str, LatentSpace]) -> None:
    """Under an exact map: what each decoder draws at every place of it. Under UMAP or t-SNE: what they distort."""
    if all(shading(likeness, spaces[kind]) is not None for kind in KINDS):
        st.subheader("What each model decodes all over its map")
        for column, kind in zip(st.columns(2), KINDS, strict=True):
            column.image(tinted_plane(spaces[kind].name, kind, method, k), width="stretch",
                         alt=f"The {kind.upper()}'s decodes on a grid of places all over its map",
                         caption=f"The decoded plane: what the {kind.upper()} decodes at each place of its map "
                                 "above, on red where the digit judge does not call it real.")
        st.markdown(plane_story(int(k), likeness.verdicts))
    if method != "latent":
        st.caption(
            f"A flat map hides {int(k) - 2} of the code's {k} numbers: a code far from every real one can still be "
            "drawn on top of the data. The distances under a click's decodes are measured with all the numbers."
        )
    if not spaces["ae"].latent_map.exact:
        st.markdown(size_story(METHODS[method], int(k), size_distortion(spaces["ae"].name, "ae", method)))


def show_reading_guide() -> None:
    st.subheader("How to read the maps")
    st.markdown(READING_GUIDE)
