"""The Your-data-set page's controls: where the images come from (an upload or the example, and how each
picture is placed), then the row that trains a model on them."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from explorer.topics.own_dataset.example import EXAMPLE_COUNT, EXAMPLE_NAME, EXAMPLE_PLACEMENT, example_zip
from explorer.topics.own_dataset.reading import ACCEPTED_TYPES, MAX_UPLOAD_BYTES, PLACEMENTS, limits_text
from explorer.topics.own_dataset.training import LATENT_CHOICES, MODELS, RunSettings
from explorer.ui.own_dataset import keys
from explorer.ui.own_dataset.state import LoadedData, follow_placement, take_example, take_upload, upload_removed
from explorer.ui.shared.view_link import ViewLink, ViewParam


def use_example() -> None:
    st.session_state[keys.PLACEMENT] = EXAMPLE_PLACEMENT  # set before the radio is drawn: it shows what was done
    take_example(EXAMPLE_PLACEMENT)


def data_source(view: ViewLink):
    """The uploader, the placement and the example, in one row; what they hold is read into the session.
    Returns the uploader's column, where the page says what may be uploaded."""
    view.restore(ViewParam("placement", keys.PLACEMENT, options=list(PLACEMENTS)))
    source, placing, example = st.columns([3, 1.4, 1.6])
    upload = source.file_uploader("Your data set", type=ACCEPTED_TYPES, key=keys.UPLOAD, help=limits_text(),
                                  max_upload_size=MAX_UPLOAD_BYTES // 2**20, label_visibility="collapsed")
    placement = view.control(placing.radio, "Place each picture", list(PLACEMENTS), format_func=PLACEMENTS.get,
                             key=keys.PLACEMENT,
                             help="Centre like MNIST: each picture's ink cropped, fitted into 20 × 20 and centred "
                                  "in 28 × 28 by its centre of mass. Just resize: the whole picture squeezed to "
                                  "28 × 28.")
    with example:
        st.markdown(f"**No data?** {EXAMPLE_COUNT} shapes, 4 classes")
        st.button("Use the example", key=keys.USE_EXAMPLE, width="stretch", on_click=use_example,
                  help="Loads the shapes into this session with *Just resize*: they are 28 × 28 already, each "
                       "where it was drawn. *Centre like MNIST* would move and scale every shape to the middle.")
        st.download_button("Download the example", example_zip, file_name=EXAMPLE_NAME, mime="application/zip",
                           key=keys.DOWNLOAD_EXAMPLE, on_click="ignore", width="stretch",
                           help=f"A zip of {EXAMPLE_COUNT} PNG pictures in one folder per shape, the format an "
                                "upload takes: a model of what to upload.")
    if upload is not None:
        take_upload(upload.file_id, upload.name, upload.getvalue(), placement)
    else:
        upload_removed()
    follow_placement(placement)
    return source


@dataclass(frozen=True)
class TrainingControls:
    settings: RunSettings | None  # None until there are images to train on
    train: bool  # the Train button was pressed


def training_controls(view: ViewLink, data: LoadedData | None) -> TrainingControls:
    view.restore(ViewParam("model", keys.MODEL, options=list(MODELS)),
                 ViewParam("k", keys.LATENT, int, options=LATENT_CHOICES),
                 ViewParam("epochs", keys.EPOCHS, int, low=1, high=40))
    row = st.columns([1.3, 2.2, 2.2, 1.3], vertical_alignment="bottom")
    model = view.control(row[0].radio, "Model", list(MODELS), format_func=MODELS.get, key=keys.MODEL,
                         index=list(MODELS).index("vae"), horizontal=True,
                         help="AE: a plain autoencoder. VAE: a variational autoencoder (β = 1).")
    latent_dim = view.control(row[1].select_slider, "Code size k", options=LATENT_CHOICES, value=8, key=keys.LATENT)
    epochs = view.control(row[2].slider, "Epochs", 1, 40, 15, key=keys.EPOCHS)
    train = row[3].button("Train", key=keys.TRAIN, type="primary", width="stretch", disabled=data is None,
                          help=None if data else "Upload a data set or use the example first.")
    settings = None if data is None else RunSettings(model=model, latent_dim=latent_dim, epochs=epochs,
                                                      train_count=len(data.split.train))
    return TrainingControls(settings, train)
