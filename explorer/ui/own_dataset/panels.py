"""The Your-data-set page's main picture: what was loaded, then the run on it, drawn every epoch (the status
line, held-out images with their reconstructions and decodes of random codes, the map of the codes, the loss
curves), and its ending worded."""

from __future__ import annotations

from functools import partial

import streamlit as st

from explorer.core.images import strip
from explorer.topics.own_dataset.epoch_view import LOSS_PER_IMAGE, make_probe, view_epoch
from explorer.topics.own_dataset.figures import code_map_figure, preview
from explorer.topics.own_dataset.training import MODEL_WORDS, RunSettings, begin_run
from explorer.training.live import LiveRun
from explorer.ui.own_dataset.deeper import loss_chart
from explorer.ui.own_dataset.state import LoadedData, forget_run
from explorer.ui.shared.live_run import LiveRunPanel, LiveTraining, Notice, RunEndings
from explorer.ui.shared.placeholders import LazyPlaceholder
from explorer.ui.shared.style import show_chart

LOOK_FOR = ("Watch the reconstructions sharpen epoch by epoch, and whether the held-out images come back as well as "
            "the ones it trained on (the status line and the loss below, both measured after each epoch with the "
            "same weights). On the map, do your classes form their "
            "own groups? Compare the decodes of random codes from the VAE and from the AE: which look like your "
            "images?")


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
        pictures.image(strip(images, factor=2), width="stretch",
                       alt=f"{len(images)} of your images" + (f" of {name}" if name else ""))


def data_summary(data: LoadedData | None, trained: bool) -> None:
    """What was loaded, in a line; once a run has pictures to show, the preview a click away."""
    if data is None:
        st.info("Upload a data set, or press **Use the example**, then **Train**.")
        return
    classes = f" in {len(data.dataset.class_names)} classes" if data.dataset.labels is not None else ", no labels"
    summary, look = st.columns([6, 1.3], vertical_alignment="center")
    summary.markdown(f"**{data.name}** · {len(data.images):,} images{classes} · {len(data.split.train):,} to "
                     f"train on, {len(data.split.held_out):,} held out")
    if data.dataset.notes:
        summary.caption(" ".join(data.dataset.notes))
    if trained:  # the run's pictures take the preview's place; it stays a click away
        with look.popover("🖼️ Your images", width="stretch"):
            show_preview(data)


class RunPictures:
    """The run's pictures (left) and map of the codes (right), made where this is called; until a run draws
    there, the preview of the images and a word on what will appear."""

    def __init__(self):
        pictures, chart = st.columns([1, 1.15])
        self.left, self.map = LazyPlaceholder(pictures), LazyPlaceholder(chart)

    def preview(self, data: LoadedData) -> None:
        with self.left.container():
            show_preview(data)
        self.map.caption("Press **Train**: the reconstructions, the decodes of random codes and the map of the "
                         "codes appear here, epoch by epoch.")

    def draw(self, status, loss_slot: LazyPlaceholder, data: LoadedData, run: LiveRun) -> None:
        """One epoch of the run: the status line, the pictures, the map and the loss curves."""
        shown, settings = run.last, run.settings
        probe = make_probe(data.images, data.dataset.labels, data.split, settings.latent_dim)
        status.info(f"Epoch {shown.epoch} of {shown.epochs} · {settings.title} · after it, {LOSS_PER_IMAGE} "
                    f"{shown.train.total:.1f} nats on the training images, {shown.held_out.total:.1f} on the "
                    f"held-out ones · {shown.images_per_second:,.0f} images/s on {run.device.upper()}")
        prior = ("random codes drawn from N(0, I), the VAE's prior" if settings.model == "vae" else
                 "random codes drawn from a bell curve fitted to the AE's codes (an AE has no prior)")
        with self.left.container():
            for images, caption in zip((probe.shown, shown.reconstructions, shown.samples),
                                       ("held-out images", f"their reconstructions after epoch {shown.epoch}",
                                        f"decodes of {prior}"), strict=True):
                st.image(strip(images, factor=2), caption=caption, width="stretch", alt=f"{len(images)} {caption}")
        with self.map.container():
            st.markdown(f"**The codes after epoch {shown.epoch}**, " + (
                f"k = {settings.latent_dim}: the codes themselves" if settings.latent_dim <= 2 else
                f"k = {settings.latent_dim}, seen along their two main directions (PCA: "
                f"{100 * shown.map_share:.0f}% of their spread)"))
            axis = "dimension" if settings.latent_dim <= 2 else "principal component"
            show_chart(code_map_figure, shown.map_2d, probe.map_labels, data.dataset.class_names, axis)
        with loss_slot.container():
            loss_chart(run)


def start_run(panel: LiveRunPanel, settings: RunSettings, training: LiveTraining, data: LoadedData) -> None:
    """A new run on the session's images, in place of the previous one, trained in this script run."""
    forget_run()
    train_images = data.images[data.split.train]
    probe = make_probe(data.images, data.dataset.labels, data.split, settings.latent_dim)
    panel.train(begin_run(settings, training.device, training.warm_up), training.line, train_images,
                data.images[data.split.held_out], view=partial(view_epoch, probe, train_images),
                training=f"Training the {MODEL_WORDS[settings.model]} with k = {settings.latent_dim}…")


def the_run(run: LiveRun) -> str:
    return f"The run ({run.settings.title})"


ENDINGS = RunEndings(
    finished=lambda run: Notice("success", f"Finished {run.last.epoch} epochs ({run.settings.title}) · "
                                           f"reconstruction error {run.last.train_mse:.4f} on the training images, "
                                           f"{run.last.held_out_mse:.4f} held out", icon="✅"),
    stopped=lambda run: Notice("info", f"{the_run(run)} was stopped after epoch {run.last.epoch}: a control moved. "
                                       "Press **Train** to train with the new settings."),
    failed=lambda run: Notice("error", f"{the_run(run)} failed in epoch {run.last.epoch + 1}: {run.problem}. What "
                                       "it learned until then is shown; press Train to try again."),
    failed_at_start=lambda run: Notice("error", f"{the_run(run)} failed before its first epoch: {run.problem}."),
)
