"""Latent map: can random codes make digits (scored strips), where each model's codes live (clickable maps,
shaded by the classifier's doubt), and a straight walk between two digits, for a plain AE beside a VAE."""

from functools import partial

import numpy as np
import streamlit as st

from explorer.checkpoints.store import PretrainedFileError
from explorer.core.projection import METHODS, locate_codes
from explorer.topics.latent_map.figures import latent_map_figure, walk_confidence_figure
from explorer.topics.latent_map.likeness import top_confidences
from explorer.topics.latent_map.logic import (
    GROUP,
    INTERPOLATION_STEPS,
    KIND_TITLES,
    KINDS,
    decode_code,
    selection_from_points,
    spot_code,
    with_fresh_draws,
)
from explorer.topics.latent_map.sampling import STRIP_SHOWN, STRIPS, code_cloud, farthest_from_zero
from explorer.topics.latent_map.stories import (
    distance_story,
    plane_story,
    sampling_story,
    size_story,
    walk_pair_label,
    walk_story,
)
from explorer.topics.own_digit.placement import place_digit
from explorer.ui.errors import report_pretrained_error, show_pretrained_error
from explorer.ui.images import show_digit
from explorer.ui.latent_likeness import (
    median_gap_multiple,
    shipped_likeness,
    size_distortion,
    straight_walk,
    strip_pictures,
    tinted_plane,
)
from explorer.ui.latent_loaders import bundled_images_and_labels, load_space
from explorer.ui.loaders import digit_classifier, pretrained_store
from explorer.ui.own_digit import own_digit_input

SELECTION = "latent_selection"  # the last click, copied out of the chart's event at once
FRESH_SEED = "latent_fresh_seed"  # None: the shipped draws
METHOD = "latent_projection"
INTERP_A, INTERP_B = "latent_interp_a", "latent_interp_b"  # the walk's two ends: bundled image numbers

st.title("🗺️ Latent map: where do the codes live?")

with report_pretrained_error():
    info = pretrained_store().group(GROUP)
images, labels = bundled_images_and_labels()
st.markdown(
    f"Every digit gets a **code**, the few numbers the encoder squeezes it into. Below, a plain autoencoder "
    "and a **VAE** with the same layers are put to one test: can you make a *new* digit by making up a code? "
    "The usual recipe draws each number of the code from **N(0, I)**, the bell curve around 0 with a spread "
    "of 1 (each number drawn on its own, mostly between −2 and 2): the shape a VAE is trained to fill. Further "
    f"down, the maps show the codes of all {len(images):,} bundled digits; **click** a digit, a black cross "
    "(a random code) or an empty spot, and both decoders draw what is there."
)


def forget_map_clicks() -> None:
    """Random codes and empty spots belong to one map: a new map or new draws make them meaningless."""
    selection = st.session_state.get(SELECTION)
    if selection is not None and selection.what != "image":
        del st.session_state[SELECTION]


def draw_fresh() -> None:
    st.session_state[FRESH_SEED] = int(np.random.default_rng().integers(1, 2**31))
    if st.session_state.get(METHOD) not in (None, "pca", "latent"):
        st.session_state[METHOD] = "pca"  # fresh codes can be placed exactly only on PCA's plane
        st.session_state["latent_moved_to_pca"] = True
    forget_map_clicks()


def reset_draws() -> None:
    st.session_state[FRESH_SEED] = None
    forget_map_clicks()


def remember_click(kind: str) -> None:
    event = st.session_state.get(f"latent_chart_{kind}")
    selection = selection_from_points(event["selection"]["points"] if event else [], kind)
    if selection is not None:  # an empty event (a double-click, a figure drawn anew) keeps the last choice
        st.session_state[SELECTION] = selection


pairs = info["pairs"]


def offered_walks(k: str) -> list[dict]:
    """The shipped walks on which the two models differ most ([] when the scores cannot be read: the sampling
    section reports why)."""
    try:
        return shipped_likeness(k).walks["offered"]
    except PretrainedFileError:
        return []


def change_k() -> None:
    forget_map_clicks()
    walk = (st.session_state.get(INTERP_A), st.session_state.get(INTERP_B))
    if walk in {(pair["a"], pair["b"]) for other in pairs for pair in offered_walks(other)}:
        del st.session_state[INTERP_A], st.session_state[INTERP_B]  # a suggested walk: take the new k's own


def forget_walk_choice(k: str) -> None:
    """The student typed an end of their own: the suggestion picked before no longer names this walk."""
    st.session_state.pop(f"latent_walk_pair_{k}", None)


def use_walk(k: str) -> None:
    chosen = st.session_state.get(f"latent_walk_pair_{k}")
    if chosen is not None:
        pair = offered_walks(k)[chosen]
        st.session_state[INTERP_A], st.session_state[INTERP_B] = pair["a"], pair["b"]


controls = st.columns([2, 3, 2, 2, 2], vertical_alignment="center")
k = controls[0].radio("Code size", sorted(pairs, key=int, reverse=True), format_func=lambda v: f"k = {v}",
                      key="latent_k", horizontal=True, on_change=change_k,
                      help="k = 2: the map is the latent plane itself, no projection needed.")
names = {kind: pairs[k][kind] for kind in KINDS}
methods = [m for m in METHODS if m in info["files"][names["ae"]]["maps"]]
if st.session_state.get(METHOD) not in methods:
    st.session_state[METHOD] = methods[0]
method = controls[1].radio(
    "Map", methods, format_func=METHODS.get, key=METHOD, horizontal=True, on_change=forget_map_clicks,
    disabled=len(methods) == 1,
    help="PCA lays the codes flat on the slice they spread most along: each point of the map is exactly one "
         "code. UMAP and t-SNE are two methods that lay the codes out so that each keeps its nearest "
         "neighbours close, bending larger distances to do it.")
show_random = controls[2].toggle("Random codes", value=True, key="latent_show_random",
                                 help="Show or hide the black crosses: draws from N(0, I).")
controls[3].button("🎲 New draws", key="latent_fresh", on_click=draw_fresh,
                   help="Draw fresh random codes from N(0, I).")
controls[4].button("Shipped draws", key="latent_reset_draws", on_click=reset_draws,
                   disabled=st.session_state.get(FRESH_SEED) is None)

spaces = {}
with report_pretrained_error():
    for kind in KINDS:
        loaded = load_space(names[kind], kind, method)
        spaces[kind] = loaded.space
        for problem in loaded.replaced:
            show_pretrained_error(problem)
            st.info(f"Meanwhile the {KIND_TITLES[kind]}'s map is computed here by "
                    f"{'its latent plane' if k == '2' else 'PCA'}, which takes a moment and needs no shipped file.")

st.subheader("Can random codes make new digits?")
likeness = None
with report_pretrained_error(stop=False):
    likeness = shipped_likeness(k)
if likeness is not None:
    pictures = strip_pictures(k)
    for strip in STRIPS:
        score = likeness.samples[strip.key]
        row = st.columns([3, 10, 2], vertical_alignment="center")
        row[0].markdown(f"**{strip.title}**")
        row[1].image(pictures[strip.key], width="stretch")
        row[2].markdown(f"confidence **{score.mean_confidence:.2f}**  \nspread **{score.class_spread:.2f}**")
    st.caption(
        f"Each strip shows the first {STRIP_SHOWN} of {likeness.samples['ae_normal'].images:,} draws; the scores "
        f"cover them all. The first N(0, I) draws are the shipped black crosses #0 to #{STRIP_SHOWN - 1} on the "
        "maps below. **Confidence**: how sure a digit classifier (a small network trained to name real digits) "
        f"is, on average, that a picture shows one particular digit; real test digits score "
        f"{likeness.real.mean_confidence:.2f}. **Spread**: how evenly the draws cover the ten digits (1: all ten "
        "equally often; 0: always the same one). The redder a picture's background, the less sure the "
        "classifier is about it."
    )
    st.markdown(sampling_story(int(k), likeness.samples, likeness.share_unsure("ae_normal"),
                               {kind: code_cloud(spaces[kind].codes) for kind in KINDS},
                               farthest_from_zero(likeness.draws("normal")), likeness.reconstructed, likeness.real,
                               likeness.unsure))

fresh_seed = st.session_state.get(FRESH_SEED)
if fresh_seed is not None:
    spaces = {kind: with_fresh_draws(space, fresh_seed, len(space.random_codes)) for kind, space in spaces.items()}
if st.session_state.pop("latent_moved_to_pca", False):
    st.info("Fresh random codes can be placed exactly only on a PCA map (UMAP would need its model, "
            "t-SNE a new run of a minute), so the maps switched to PCA.")
if show_random and any(space.random_points is None for space in spaces.values()):
    st.caption("Fresh random codes cannot be placed on this map: switch to PCA to see them.")

selection = st.session_state.get(SELECTION)
mine = own_digit_input("latent")
placements = {kind: place_digit(spaces[kind].model, mine.image, spaces[kind].codes, labels) for kind in KINDS} \
    if mine is not None else {}


def marked_points(kind: str) -> np.ndarray | None:
    """Where the current choice sits on `kind`'s map, to ring it."""
    space = spaces[kind]
    if selection is None:
        return None
    if selection.what == "image":
        return space.latent_map.points[[selection.index]]
    if selection.what == "random" and space.random_points is not None:
        return space.random_points[[selection.index]]
    if selection.what == "spot" and selection.kind == kind:
        return space.latent_map.grid_points()[[selection.index]]
    return None


def shading(kind: str) -> np.ndarray | None:
    """The classifier's confidence in every cell's decode: shipped for the exact maps only (on UMAP and t-SNE
    a cell's code is a blend of its neighbours', so its score would describe the blend, not the place)."""
    grid = likeness.grid(kind) if likeness is not None and spaces[kind].latent_map.exact else None
    return grid if grid is not None and len(grid) == len(spaces[kind].latent_map.grid_codes) else None


axis_titles = ("code number 1", "code number 2") if method == "latent" else (
    f"{METHODS[method]} 1", f"{METHODS[method]} 2")
map_columns = st.columns(2)
for kind, column in zip(KINDS, map_columns, strict=True):
    space = spaces[kind]
    with column:
        st.subheader(KIND_TITLES[kind])
        figure = latent_map_figure(
            space.latent_map.points, labels, space.latent_map.grid_points(),
            random_points=space.random_points if show_random else None,
            marked=marked_points(kind), axis_titles=axis_titles, shading=shading(kind),
            own_point=locate_codes(space.latent_map, placements[kind].code[None], space.codes)
            if mine is not None else None,
        )
        st.plotly_chart(figure, key=f"latent_chart_{kind}", on_select=partial(remember_click, kind),
                        selection_mode="points", config={"displaylogo": False})
        if shading(kind) is not None:
            st.image(tinted_plane(space.name, kind, method, k), width="stretch",
                     caption=f"The decoded plane: what the {kind.upper()} draws at each place of the map above, "
                             "on red where the classifier is unsure.")

if all(shading(kind) is not None for kind in KINDS):
    st.markdown(plane_story(int(k), likeness.planes, likeness.unsure))
if method != "latent":
    st.caption(
        f"A flat map hides {int(k) - 2} of the code's {k} numbers: a code far from every real one can still be drawn "
        "on top of the data. The distances under the decodes below are measured with all the numbers."
    )
if not spaces["ae"].latent_map.exact:
    st.markdown(size_story(METHODS[method], int(k), size_distortion(names["ae"], "ae", method)))

st.subheader("What you clicked")
if selection is None:
    st.info("Click a coloured dot, a black cross or an empty spot on either map.")
elif selection.what == "image":
    code_pair = {kind: spaces[kind].codes[selection.index] for kind in KINDS}
    decodes = {kind: decode_code(spaces[kind], code_pair[kind]).image for kind in KINDS}
    sure = top_confidences(digit_classifier(), np.concatenate([decodes[kind] for kind in KINDS]))
    cells = st.columns([1, 1, 1, 3])
    with cells[0]:
        show_digit(images[selection.index], f"image #{selection.index}: a {labels[selection.index]}")
    for cell, kind in zip(cells[1:3], KINDS, strict=True):
        with cell:
            show_digit(decodes[kind], f"{kind.upper()} decode")
    text = ("The original, then each model's reconstruction of it. Both are ringed on the maps. "
            f"The classifier's confidence in the two reconstructions: AE {sure[0]:.2f}, VAE {sure[1]:.2f}.")
    if likeness is not None:
        text += (f" Over all {likeness.reconstructed['ae'].images:,} test digits it averages "
                 f"{likeness.reconstructed['ae'].mean_confidence:.2f} for the AE's reconstructions and "
                 f"{likeness.reconstructed['vae'].mean_confidence:.2f} for the VAE's (the real digits: "
                 f"{likeness.real.mean_confidence:.2f}).")
    cells[3].markdown(text)
else:
    owner = selection.kind
    if selection.what == "random":
        # Both models draw from the same seed, so the AE and the VAE get the same numbers.
        decoded = {kind: decode_code(spaces[kind], spaces[kind].random_codes[selection.index]) for kind in KINDS}
        title = f"random code #{selection.index}"
    else:
        xy = spaces[owner].latent_map.grid_points()[selection.index]
        decoded = {kind: decode_code(spaces[kind], spot_code(spaces[kind], xy)) for kind in KINDS}
        title = f"the spot ({xy[0]:.2f}, {xy[1]:.2f}) of the {owner.upper()}'s map"
    sure = top_confidences(digit_classifier(), np.concatenate([decoded[kind].image for kind in KINDS]))
    cells = st.columns([1, 1, 1, 3])
    for cell, kind, confidence in zip(cells[:2], KINDS, sure, strict=True):
        result = decoded[kind]
        with cell:
            show_digit(result.image, f"{kind.upper()} decode of {title}")
            st.caption(f"{result.nearest_distance / result.spacing:.1f}× the usual gap from the nearest real code; "
                       f"classifier: {confidence:.2f}")
    with cells[2].container():
        st.markdown(f"**{title.capitalize()}**, decoded by both models.")
    if selection.what == "random":
        cells[3].markdown("The same random numbers go to both decoders. " + distance_story(
            {kind: median_gap_multiple(names[kind], kind, method) for kind in KINDS}))
    elif spaces[owner].latent_map.exact:
        cells[3].markdown(
            "**Exact inverse.** On this map every spot stands for exactly one code "
            f"({'the plane itself' if method == 'latent' else 'the point of the PCA plane'}), so what you see "
            "is exactly what the decoder makes of that place. Under each decode: the classifier's confidence in it, "
            "the number the red shading shows for every cell."
        )
    else:
        cells[3].markdown(
            f"**Approximate inverse.** {METHODS[method]} cannot be run backwards, so the spot's code is a "
            "weighted mean of the codes placed nearest to it on the map. An empty spot therefore decodes like a "
            "blend of its neighbours, not like the place it seems to be: PCA and k = 2 show exactly what a "
            "decoder makes of a place."
        )

if mine is not None:
    st.subheader("Where does your digit land?")
    cells = st.columns([1, 1, 1, 3])
    with cells[0]:
        show_digit(mine.image, "your digit")
    for cell, kind in zip(cells[1:3], KINDS, strict=True):
        with cell:
            show_digit(decode_code(spaces[kind], placements[kind].code).image, f"{kind.upper()} decode")
    lines = []
    for kind in KINDS:
        placement = placements[kind]
        neighbours = ", ".join(str(label) for label in placement.neighbour_labels)
        lines.append(f"- **{KIND_TITLES[kind]}**: the yellow star. Its {len(placement.neighbours)} nearest codes "
                     f"belong to the digits {neighbours}, so to this model yours looks like a **{placement.guess}** "
                     f"({placement.distances[0] / spaces[kind].spacing:.1f}× the usual gap from the nearest "
                     "real code).")
    how = "exactly" if spaces["ae"].latent_map.exact else "approximately, among the codes nearest to it"
    cells[3].markdown(f"Your digit's code, placed on both maps ({how}):\n" + "\n".join(lines))

st.subheader("Walk in a straight line between two digits")
walks = offered_walks(k)
if INTERP_A not in st.session_state:  # start on the measured walk where the models differ most
    first = walks[0] if walks else {"a": int(np.flatnonzero(labels == 1)[0]), "b": int(np.flatnonzero(labels == 7)[0])}
    st.session_state[INTERP_A], st.session_state[INTERP_B] = first["a"], first["b"]
pick = st.columns([3, 1, 1], vertical_alignment="bottom")
pick[0].selectbox(
    "Walks where the two models differ most (measured on the test digits)", range(len(walks)), index=None,
    format_func=lambda i: walk_pair_label(walks[i], labels), placeholder="Pick a measured walk…",
    key=f"latent_walk_pair_{k}", on_change=use_walk, args=(k,), disabled=not walks)
index_a = pick[1].number_input("Image A (#)", 0, len(images) - 1, key=INTERP_A, on_change=forget_walk_choice, args=(k,))
index_b = pick[2].number_input("Image B (#)", 0, len(images) - 1, key=INTERP_B, on_change=forget_walk_choice, args=(k,))
st.caption("Or type any two image numbers: click a dot to see its number in the hover label or under "
           "'What you clicked'.")
strip_columns = st.columns([1] + [1] * INTERPOLATION_STEPS + [1])
with strip_columns[0]:
    show_digit(images[index_a], f"A: a {labels[index_a]}")
with strip_columns[-1]:
    show_digit(images[index_b], f"B: a {labels[index_b]}")
walk_images, walk_sure = straight_walk(k, method, int(index_a), int(index_b))
for kind in KINDS:
    row = st.columns([1] + [1] * INTERPOLATION_STEPS + [1], vertical_alignment="center")
    row[0].markdown(f"**{kind.upper()}**")
    for cell, image in zip(row[1:-1], walk_images[kind], strict=True):
        with cell:
            show_digit(image)
unsure = likeness.unsure if likeness is not None else 0.5
chart, words = st.columns([3, 2])
chart.plotly_chart(walk_confidence_figure(walk_sure, unsure), key="latent_walk_chart",
                   config={"displaylogo": False})
words.markdown(
    "How sure the classifier is that each step is a digit. Lowest between the two ends on this walk: "
    f"AE **{walk_sure['ae'][1:-1].min():.2f}**, VAE **{walk_sure['vae'][1:-1].min():.2f}**."
    + ("\n\n" + walk_story(likeness.walks, unsure) if likeness is not None else "")
)

with st.expander("What am I looking at?", expanded=True):
    st.markdown(
        """
- **The maps.** A code has k numbers; a screen has two. PCA lays the codes flat on the slice they spread
  most along (a point of the map is exactly one code). UMAP and t-SNE lay them out so that each code keeps
  its nearest neighbours close, bending larger distances to do it: they cannot be run backwards exactly,
  and the sizes of their groups and the gaps between groups do not mean what they seem. At k = 2 the code
  *is* a point of the plane.
- **Where the codes are.** A plain autoencoder learns to decode the codes its training images produced,
  wherever its encoder happened to put them: nothing in its training says where that is. To make new
  digits with it, you first have to measure where its codes are, as the third strip does.
- **The VAE's trick.** It encodes each image as a small cloud rather than a point and pays a penalty for
  straying from N(0, I). Its codes end up spread much like N(0, I) (the numbers are under the strips), so
  draws from N(0, I) land in the same region as its codes: the VAE can **generate** new codes without
  measuring first.
- **The straight line.** A walk between two codes passes through blends of the two digits. The chart
  under the walk shows how sure the classifier is at each step, for both models.
"""
    )
