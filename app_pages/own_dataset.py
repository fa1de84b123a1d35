"""Your data set: the student uploads a small data set of their own (or takes the example shapes) and trains a
small AE or VAE on it live, in their own session: reconstructions, a map of the codes, decodes of random codes
and each image's nearest neighbours in code space, drawn every epoch."""

from functools import partial

import streamlit as st

from explorer.core.images import strip
from explorer.topics.own_dataset.epoch_view import Probe, make_probe, view_epoch
from explorer.topics.own_dataset.example import EXAMPLE_COUNT, EXAMPLE_NAME, EXAMPLE_PLACEMENT, example_zip
from explorer.topics.own_dataset.figures import code_map_figure, preview
from explorer.topics.own_dataset.reading import ACCEPTED_TYPES, MAX_UPLOAD_BYTES, PLACEMENTS, limits_text
from explorer.topics.own_dataset.training import LATENT_CHOICES, MODEL_WORDS, MODELS, RunSettings, begin_run
from explorer.training.live import LiveRun, live_device, train_live
from explorer.ui.own_dataset.deeper import explain, loss_chart, show_neighbours
from explorer.ui.own_dataset.state import (
    ERROR_KEY,
    RUN_KEY,
    LoadedData,
    current_run,
    follow_placement,
    forget_run,
    loaded,
    run_prediction,
    take_example,
    take_upload,
    upload_removed,
)
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.placeholders import LazyPlaceholder
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import live_training_warm_up, training_slots
from explorer.ui.shared.style import show_figure
from explorer.ui.shared.view_link import ViewLink, ViewParam

PAGE = "app_pages/own_dataset.py"


def show_preview(data: LoadedData) -> None:
    """The first images of each class, a row each with its name (or, without labels, the first images)."""
    counts = ", ".join(f"{name} {n:,}" for name, n in data.class_counts())
    st.markdown(f"**Your images**, from {data.dataset.source}" + (f": {counts}" if counts else ""))
    for name, images in preview(data.images, data.dataset.labels, data.dataset.class_names):
        if name:
            label, pictures = st.columns([1, 4], vertical_alignment="center")
            label.markdown(f"**{name}**")
        else:
            pictures = st.container()
        pictures.image(strip(images, factor=2), width="stretch")


def use_example() -> None:
    st.session_state["own_placement"] = EXAMPLE_PLACEMENT  # set before the radio is drawn: it shows what was done
    take_example(EXAMPLE_PLACEMENT)


page_header("📂 Your data set", "What does an autoencoder learn from images you bring yourself?")
card = st.container()  # the prediction card, drawn last: its answer is measured from this run's training

device, device_notice = live_device()
warm_up = live_training_warm_up()  # starts in the background on the first visit to this server
slots = training_slots(device)

# ---- The data: upload one, or take the example
view = ViewLink(PAGE)
view.restore(ViewParam("placement", "own_placement", options=list(PLACEMENTS)),
             ViewParam("model", "own_model", options=list(MODELS)),
             ViewParam("k", "own_latent", int, options=LATENT_CHOICES),
             ViewParam("epochs", "own_epochs", int, low=1, high=40))
source, placing, example = st.columns([3, 1.4, 1.6])
upload = source.file_uploader("Your data set", type=ACCEPTED_TYPES, key="own_upload", help=limits_text(),
                              max_upload_size=MAX_UPLOAD_BYTES // 2**20, label_visibility="collapsed")
placement = view.control(placing.radio, "Place each picture", list(PLACEMENTS), format_func=PLACEMENTS.get,
                         key="own_placement",
                         help="Centre like MNIST: each picture's ink cropped, fitted into 20 × 20 and centred in "
                              "28 × 28 by its centre of mass. Just resize: the whole picture squeezed to 28 × 28.")
with example:
    st.markdown(f"**No data?** {EXAMPLE_COUNT} shapes, 4 classes")
    st.button("Use the example", key="own_use_example", width="stretch", on_click=use_example,
              help="Loads the shapes into this session with *Just resize*: they are 28 × 28 already, each where "
                   "it was drawn. *Centre like MNIST* would move and scale every shape to the middle.")
    st.download_button("Download the example", example_zip, file_name=EXAMPLE_NAME, mime="application/zip",
                       key="own_download_example", on_click="ignore", width="stretch",
                       help=f"A zip of {EXAMPLE_COUNT} PNG pictures in one folder per shape, the format an upload "
                            "takes: a model of what to upload.")
if upload is not None:
    take_upload(upload.file_id, upload.name, upload.getvalue(), placement)
else:
    upload_removed()
follow_placement(placement)
data = loaded()
if data is None:  # what may be uploaded, until something is: then the uploader's ⓘ keeps saying it
    source.caption(limits_text())
if device_notice:
    st.warning(device_notice)
if problem := st.session_state.get(ERROR_KEY):
    st.error(problem, icon="📂")

# ---- The training controls, in one row
controls = st.columns([1.3, 2.2, 2.2, 1.3], vertical_alignment="bottom")
model = view.control(controls[0].radio, "Model", list(MODELS), format_func=MODELS.get, key="own_model",
                     index=list(MODELS).index("vae"), horizontal=True,
                     help="AE: a plain autoencoder. VAE: a variational autoencoder (β = 1).")
latent_dim = view.control(controls[1].select_slider, "Code size k", options=LATENT_CHOICES, value=8,
                          key="own_latent")
epochs = view.control(controls[2].slider, "Epochs", 1, 40, 15, key="own_epochs")
train = controls[3].button("Train", key="own_train", type="primary", width="stretch", disabled=data is None,
                           help=None if data else "Upload a data set or use the example first.")

# ---- What was loaded, then the run: status, pictures and map
run = current_run()
trained = run is not None and run.last is not None
if data is None:
    st.info("Upload a data set, or press **Use the example**, then **Train**.")
else:
    classes = f" in {len(data.dataset.class_names)} classes" if data.dataset.labels is not None else ", no labels"
    summary, look = st.columns([6, 1.3], vertical_alignment="center")
    summary.markdown(f"**{data.name}** · {len(data.images):,} images{classes} · {len(data.split.train):,} to "
                     f"train on, {len(data.split.held_out):,} held out")
    if data.dataset.notes:
        summary.caption(" ".join(data.dataset.notes))
    if trained:  # the run's pictures take the preview's place; it stays a click away
        with look.popover("🖼️ Your images", width="stretch"):
            show_preview(data)

status = st.empty()
pictures, chart = st.columns([1, 1.15])
left, map_slot = LazyPlaceholder(pictures), LazyPlaceholder(chart)  # the preview, then the run's pictures and map


drawn = []  # the epochs drawn in this script run
if data is not None and not trained and not train:  # a run about to start draws here instead (elements drawn
    with left.container():                          # in this script run would outlive a shorter replacement)
        show_preview(data)
    map_slot.caption("Press **Train**: the reconstructions, the decodes of random codes and the map of the codes "
                     "appear here, epoch by epoch.")


def draw_view(run: LiveRun, probe: Probe) -> None:
    """One epoch of the run: the status line, the pictures, the map and the loss curves."""
    shown, settings = run.last, run.settings
    drawn.append(shown.epoch)
    status.info(f"Epoch {shown.epoch} of {shown.epochs} · {settings.title} · loss per image "
                f"{shown.train.total:.1f} on the training images, {shown.held_out.total:.1f} on the held-out "
                f"ones · {shown.images_per_second:,.0f} images/s on {run.device.upper()}")
    prior = ("random codes drawn from N(0, I), the VAE's prior" if settings.model == "vae" else
             "random codes drawn from a bell curve fitted to the AE's codes (an AE has no prior)")
    with left.container():
        for images, caption in zip((probe.shown, shown.reconstructions, shown.samples),
                                   ("held-out images", f"their reconstructions after epoch {shown.epoch}",
                                    f"decodes of {prior}"), strict=True):
            st.image(strip(images, factor=2), caption=caption, width="stretch")
    with map_slot.container():
        st.markdown(f"**The codes after epoch {shown.epoch}**, " + (
            f"k = {settings.latent_dim}: the codes themselves" if settings.latent_dim <= 2 else
            f"k = {settings.latent_dim}, seen along their two main directions (PCA: "
            f"{100 * shown.map_share:.0f}% of their spread)"))
        axis = "dimension" if settings.latent_dim <= 2 else "principal component"
        show_figure(code_map_figure(shown.map_2d, probe.map_labels, data.dataset.class_names, axis))
    with loss_slot.container():
        loss_chart(run)


look_for(
    "Watch the reconstructions sharpen epoch by epoch, and whether the held-out images come back as well as the "
    "ones it trained on (the status line and the loss below). On the map, do your classes form their own groups? "
    "Compare the decodes of random codes from the VAE and from the AE: which look like your images?"
)

with deeper():
    loss_slot = LazyPlaceholder(st.container())  # filled every epoch, like the pictures above
    neighbours = st.container()  # needs a model that has stopped training
    explain()

if train and data is not None:
    forget_run()
    settings = RunSettings(model=model, latent_dim=latent_dim, epochs=epochs, train_count=len(data.split.train))
    run = begin_run(settings, device, warm_up)
    st.session_state[RUN_KEY] = run  # saved before training: every epoch lands in it as it goes
    probe = make_probe(data.images, data.dataset.labels, data.split, latent_dim)
    train_images = data.images[data.split.train]

    def show_place_in_line(ahead: int) -> None:  # a Streamlit call: moving a widget while waiting gives it up
        status.warning(f"⏳ Waiting for a free trainer: {ahead} run(s) from other students ahead of yours.")

    with slots.hold(on_wait=show_place_in_line):
        status.info(f"Training the {MODEL_WORDS[model]} with k = {latent_dim}…")
        train_live(run, train_images, data.images[data.split.held_out],
                   view=partial(view_epoch, probe, train_images), on_view=lambda _: draw_view(run, probe))

run = current_run()
run = run.settled() if run is not None else None
if run is not None and run.last is not None:
    if not drawn:  # a rerun after the run: its last epoch again (a run just trained has drawn it already)
        draw_view(run, make_probe(data.images, data.dataset.labels, data.split, run.settings.latent_dim))
    last = run.last
    if run.status == "failed":
        status.error(f"The run ({run.settings.title}) failed in epoch {last.epoch + 1}: {run.problem}. What it "
                     "learned until then is shown; press Train to try again.")
    elif run.status == "stopped":
        status.info(f"The run ({run.settings.title}) was stopped after epoch {last.epoch}: a control moved. "
                    "Press **Train** to train with the new settings.")
    else:
        status.success(f"Finished {last.epoch} epochs ({run.settings.title}) · reconstruction error "
                       f"{last.train_mse:.4f} on the training images, {last.held_out_mse:.4f} held out",
                       icon="✅")
elif run is not None and run.status == "failed":
    status.error(f"The run ({run.settings.title}) failed before its first epoch: {run.problem}.")
if data is not None:
    with neighbours:
        show_neighbours(run, data)

with card:
    predict_first(run_prediction)
view.finish()
next_link(PAGE)
