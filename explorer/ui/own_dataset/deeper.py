"""The Your-data-set page's *Go deeper*: the loss curves of the run, an image's nearest neighbours in code space,
and what is going on."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer.core.glossary import term
from explorer.core.images import enlarge
from explorer.topics.own_dataset.epoch_view import LOSS_PER_IMAGE, LOSS_UNIT
from explorer.topics.own_dataset.neighbours import NEIGHBOURS, distance_words, neighbours_of
from explorer.topics.own_dataset.training import MODEL_WORDS
from explorer.training.live import LiveRun, RunStatus
from explorer.ui.own_dataset import keys
from explorer.ui.own_dataset.state import LoadedData, codes_of_every_image
from explorer.ui.shared.style import data_table


def loss_chart(run: LiveRun) -> None:
    """Train and held-out loss per epoch, so far."""
    st.markdown("#### Loss, epoch by epoch")
    frame = pd.DataFrame({"epoch": [view.epoch for view in run.views],
                          "training images": [view.train.total for view in run.views],
                          "held-out images": [view.held_out.total for view in run.views]}).set_index("epoch")
    last = run.views[-1]
    st.line_chart(frame, height=220, x_label="epoch", y_label=f"{LOSS_PER_IMAGE} (nats)",
                  alt=f"The {LOSS_PER_IMAGE} over {len(run.views)} epochs, in nats: on the training images from "
                      f"{run.views[0].train.total:.1f} to {last.train.total:.1f}, on the held-out ones from "
                      f"{run.views[0].held_out.total:.1f} to {last.held_out.total:.1f}.")
    st.caption(f"Both lines are measured after each epoch, with the same weights: the {LOSS_PER_IMAGE} in "
               f"{term('nats')}, {LOSS_UNIT}.")
    data_table(frame.reset_index())


def class_of(data: LoadedData, index: int) -> str:
    labels = data.dataset.labels
    return "" if labels is None else f" · {data.dataset.class_names[int(labels[index])]}"


def show_neighbours(run: LiveRun | None, data: LoadedData) -> None:
    st.markdown("#### Nearest neighbours in code space")
    if run is None or run.last is None or run.status == RunStatus.TRAINING:
        st.caption("Train a model first: then pick any image to see which of your images its code lies nearest.")
        return
    st.markdown(f"Pick an image: the {NEIGHBOURS} images whose codes lie nearest its code, among all "
                f"{len(data.images):,} of your images, as the {MODEL_WORDS[run.settings.model]} trained here "
                "(after its last epoch) sees them. Alike codes should mean alike images.")
    chosen = int(st.number_input(f"Image number (0 to {len(data.images) - 1:,})", 0, len(data.images) - 1, 0,
                                 key=keys.NEIGHBOUR_IMAGE))
    found = neighbours_of(codes_of_every_image(run, data), chosen)
    pictures = st.columns(NEIGHBOURS + 1)
    pictures[0].image(enlarge(data.images[chosen], 3), caption=f"image {chosen}{class_of(data, chosen)}",
                      alt=f"Your image {chosen}{class_of(data, chosen)}")
    for column, index, distance in zip(pictures[1:], found.indices, found.distances, strict=True):
        column.image(enlarge(data.images[index], 3),
                     caption=f"{index}{class_of(data, int(index))} · distance {distance_words(distance)}",
                     alt=f"Neighbour: your image {index}{class_of(data, int(index))}, its code "
                         f"{distance_words(distance)} away")
    if round(found.typical_gap, 2) == 0:  # most images have a twin, or all but, in code space
        st.caption("Distances are between codes. For scale: more than half of your images have another image whose "
                   f"code is the same, or all but (the median distance to it is {distance_words(found.typical_gap)}): "
                   "pictures that became identical when they were prepared (with "
                   "*Centre like MNIST*, pictures that differ only in place and size do), or that this model cannot "
                   "tell apart.")
    else:
        st.caption(f"Distances are between codes. For scale: an image's nearest other image is typically "
                   f"{distance_words(found.typical_gap)} away in this model's code space.")


def explain() -> None:
    st.markdown("#### What is going on")
    st.markdown(
        "**Held out.** A tenth of your images (at least 10) never train the model: they show whether what it "
        "learned carries over to images it has not seen. The same images are held out every time, for the same "
        "number of images.\n\n"
        "**AE or VAE.** Both squeeze each image into k numbers and decode them back. The VAE's training also pulls "
        f"its codes towards a bell curve centred on 0, {term('N(0, I)')}, its *prior*: draws from that prior then "
        "land where codes of real images lie. A plain AE makes no such promise, so this page has to fit a bell "
        "curve to the AE's codes (the mean and covariance of the codes on the map) to draw random codes for it at "
        "all: the random codes come from that fitted curve, which the AE never trained towards; only their decoding is "
        "the AE's.\n\n"
        "**The map.** With k above 2 the map is a flat view of the codes along their two main directions (PCA): "
        "groups that overlap there may still be apart in the other directions. The dots are up to 1,000 of your "
        "images, the same ones every epoch.\n\n"
        "**Your images stay yours.** They and the model trained on them live only in this browser tab's session "
        "on the server: other visitors never see them, and they are dropped when the session ends."
    )
