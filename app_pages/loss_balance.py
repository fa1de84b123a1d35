"""Loss balance: the shipped β-VAE runs side by side, β from small to large, and a run of the student's own
retrained live as β moves; below, its charts, a walk along its code and what is going on."""

import math
from functools import partial

import streamlit as st

from explorer.checkpoints.store import MissingGroupError, PretrainedFileError
from explorer.core.data import BUNDLED, DATASET_TITLES
from explorer.core.images import strip
from explorer.models.gaussian import dims_by_kl
from explorer.topics.loss_balance.epoch_view import make_probe, view_epoch
from explorer.topics.loss_balance.evidence import MEAN_VARIANCE
from explorer.topics.loss_balance.export import beta_sweep_gif, code_walk_gif
from explorer.topics.loss_balance.run import begin_run, warm_start_from
from explorer.topics.loss_balance.settings import (
    ACTIVE_KL,
    BETA_CHOICES,
    LATENT_CHOICES,
    LIVE_TRAIN_IMAGES,
    REFERENCE_LATENT,
    START_MODES,
    RunSettings,
)
from explorer.topics.loss_balance.story import (
    active_rule_comparison,
    gallery_introduction,
    look_for_words,
    reconstruction_summary,
    samples_summary,
)
from explorer.topics.loss_balance.traversal import traverse
from explorer.training.live import LiveRun, live_device, train_live
from explorer.ui.loss_balance.charts import RunCharts
from explorer.ui.loss_balance.ladder import beta_ladder
from explorer.ui.loss_balance.loaders import live_dataset, reference_evidence, reference_runs
from explorer.ui.loss_balance.predictions import loss_balance_prediction
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error, show_pretrained_error
from explorer.ui.shared.export import download_gif_button
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import bundled_data, live_training_warm_up, pretrained_model, training_slots
from explorer.ui.shared.shortcuts import TRAIN_AGAIN, keys_hint
from explorer.ui.shared.view_link import ViewLink, ViewParam

PAGE = "app_pages/loss_balance.py"
RUN_KEY = "lb_run"  # this session's current LiveRun (never shared: session_state is per browser tab)
EARLIER_KEY = "lb_earlier"  # (β, KL, reconstruction) of this session's previous runs
PENDING_KEY = "lb_pending"  # a setting moved: start a new run in this script run
RUNS_STARTED_KEY = "lb_runs_started"  # numbers each run: its traversal sliders start fresh
START_LABELS = {"warm": "Warm", "scratch": "From scratch"}  # short, for the row of controls; START_MODES in help


def request_run() -> None:
    st.session_state[PENDING_KEY] = True


page_header("⚖️ Loss balance", "What does β trade: sharp reconstructions, or new digits from random codes?")
predict_first(loss_balance_prediction)

try:
    references = reference_runs()
except MissingGroupError:
    st.warning("This build of pretrained/ has no shipped β runs: live training still works, from scratch.")
    references = []
except PretrainedFileError as error:
    show_pretrained_error(error)
    references = []

device, device_notice = live_device()
warm_up = live_training_warm_up()  # starts in the background on the first visit to this server
slots = training_slots(device)

# ---- Controls, in one row
view = ViewLink(PAGE)
view.restore(ViewParam("beta", "lb_beta", float, options=BETA_CHOICES),
             ViewParam("start", "lb_start", options=list(START_MODES)),
             ViewParam("k", "lb_latent", int, options=LATENT_CHOICES),
             ViewParam("epochs", "lb_epochs", int, low=1, high=40),
             ViewParam("data", "lb_dataset", options=list(DATASET_TITLES)))
controls = st.columns([5, 2.6, 1.2, 1.4], vertical_alignment="bottom")
beta = view.control(
    controls[0].select_slider,
    "β, the weight of KL: how far the codes stray from the prior", options=BETA_CHOICES, value=1.0,
    key="lb_beta", on_change=request_run,
    help="A VAE learns two jobs at once: reconstruct each digit, and keep its codes close to the *prior* N(0, I), "
         "a bell curve centred on 0 with a spread of 1, so that codes drawn from the prior decode to new digits. "
         "KL (Kullback–Leibler divergence) measures how far the codes stray from the prior, in nats (information "
         f"counted with natural logarithms; one nat is {1 / math.log(2):.2f} bits). β = 0: only the reconstruction "
         "counts, a plain autoencoder with noisy codes. β = 1: the standard VAE. Above 1: codes pulled harder "
         "towards the prior, at the price of blurrier reconstructions.",
)
start = view.control(controls[1].radio, "Start each run", list(START_MODES), format_func=START_LABELS.get,
                     key="lb_start", horizontal=True, on_change=request_run,
                     help="\n\n".join(f"{START_LABELS[mode]}: {words}." for mode, words in START_MODES.items()))
run_settings = controls[2].popover("Settings", width="stretch")
latent_dim = view.control(
    run_settings.select_slider,
    "Code size k", options=LATENT_CHOICES, value=REFERENCE_LATENT, key="lb_latent", on_change=request_run,
    help=f"Warm starts exist only for k = {REFERENCE_LATENT}, the shipped runs' size.")
epochs = view.control(run_settings.slider, "Epochs", 1, 40, 15, key="lb_epochs", on_change=request_run)
dataset = view.control(run_settings.selectbox, "Data set", list(DATASET_TITLES), format_func=DATASET_TITLES.get,
                       key="lb_dataset", on_change=request_run,
                       help="Sets other than the bundled one are downloaded once, then cut to "
                            f"{LIVE_TRAIN_IMAGES:,} training images so an epoch stays short.")
with controls[3]:
    keys_hint(f"Key {TRAIN_AGAIN}")  # above the button, where the other controls have their labels
    if st.button("Train again", key="lb_train", width="stretch", shortcut=TRAIN_AGAIN):
        request_run()
settings = RunSettings(beta=beta, latent_dim=latent_dim, epochs=epochs, dataset=dataset, start=start)

loaded = live_dataset(settings.dataset)
data = loaded.data
warm_reference = warm_start_from(settings, references)
if warm_reference:
    begins = f"warm start from the shipped β = {warm_reference.beta:g} run"
else:
    why = f" (warm starts need k = {REFERENCE_LATENT} on the bundled data)" if settings.start == "warm" else ""
    begins = "from scratch" + why
run_settings.caption(f"Training on **{device.upper()}** · next run: {begins} · at most {slots.capacity} run(s) "
                     f"train at once on this server · {len(data.train_images):,} training and "
                     f"{len(data.test_images):,} test images")
for notice in (device_notice, loaded.notice):
    if notice:
        st.warning(notice)

# ---- The result of the last move, then the main picture: the β ladder, with this session's run in it
status = st.empty()
pending = st.session_state.pop(PENDING_KEY, False)
run = st.session_state.get(RUN_KEY)
evidence = None
if references:
    with report_pretrained_error(stop=False):  # the scores need the shipped classifier; the pictures do not
        evidence = reference_evidence()
shown = settings if pending else (run.settings if run is not None and run.last is not None else None)
bundled = bundled_data()
shipped_digits = make_probe(bundled.test_images, bundled.test_labels, REFERENCE_LATENT).images  # the runs' digits
live_row = beta_ladder(references, evidence, shipped_digits, live_beta=shown.beta if shown else None,
                       selected_beta=settings.beta, own_originals=shown is not None and shown.dataset != BUNDLED)

look_for(look_for_words(evidence))

with deeper():
    st.markdown("#### Loss, rate and the code, epoch by epoch")
    charts = RunCharts(references)

    def draw_view(run: LiveRun, probe) -> None:
        """Everything one epoch of the current run shows: its row of the ladder, its charts, the status line."""
        view = run.last
        live_row.draw(run.settings.beta, view.reconstructions, view.samples, view.epoch, view.epochs,
                      originals=probe.images)
        charts.draw_run(run, probe, st.session_state.get(EARLIER_KEY, []))
        status.info(f"Epoch {view.epoch} of {view.epochs} at β = {run.settings.beta:g} · test loss "
                    f"{view.test.total:.1f} (reconstruction {view.test.recon:.1f}, KL {view.test.kl:.1f}) · "
                    f"{view.images_per_second:,.0f} images/s on {run.device.upper()}")

    def start_run() -> None:
        previous = st.session_state.get(RUN_KEY)
        if previous is not None and previous.last is not None:
            st.session_state.setdefault(EARLIER_KEY, []).append(
                (previous.settings.beta, previous.last.test.kl, previous.last.test.recon))
        warm_from = None
        if warm_reference is not None:
            try:
                warm_from = pretrained_model(warm_reference.name)
            except PretrainedFileError:
                st.warning("The shipped run to warm-start from cannot be used: this run starts from scratch.")
        run = begin_run(settings, device, warm_from, warm_up)
        st.session_state[RUNS_STARTED_KEY] = st.session_state.get(RUNS_STARTED_KEY, 0) + 1
        st.session_state[RUN_KEY] = run  # saved before training: every epoch lands in it as it goes
        probe = make_probe(data.test_images, data.test_labels, settings.latent_dim)

        def show_place_in_line(ahead: int) -> None:  # a Streamlit call: moving a widget while waiting gives it up
            status.warning(f"⏳ Waiting for a free trainer: {ahead} run(s) from other students ahead of yours.")

        live_row.starting(settings.beta)
        with slots.hold(on_wait=show_place_in_line):
            status.info(f"Training at β = {settings.beta:g}…")
            train_live(run, data.train_images, data.test_images, view=partial(view_epoch, probe),
                       on_view=lambda view: draw_view(run, probe))

    if pending:
        start_run()
    run = st.session_state.get(RUN_KEY)
    run = run.settled() if run is not None else None
    if run is not None and run.last is not None:
        draw_view(run, make_probe(data.test_images, data.test_labels, run.settings.latent_dim))
        if run.status == "failed":
            status.error(f"The run at β = {run.settings.beta:g} failed in epoch {run.last.epoch + 1}: {run.problem}. "
                         "What it learned until then is shown; move β to start a new run.")
        elif run.status == "stopped":
            status.info(f"The run at β = {run.settings.beta:g} was stopped after epoch {run.last.epoch}.")
        else:
            status.success(f"Finished {run.last.epoch} epochs at β = {run.settings.beta:g}: test loss "
                           f"{run.last.test.total:.1f} (reconstruction {run.last.test.recon:.1f}, "
                           f"KL {run.last.test.kl:.1f}), {run.last.active_dims} active dimensions.")
    elif run is not None and run.status == "failed":
        status.error(f"The run at β = {run.settings.beta:g} failed before its first epoch: {run.problem}.")
    elif references:
        nearest = min(references, key=lambda ref: abs(ref.beta - settings.beta))
        charts.draw_reference(nearest, st.session_state.get(EARLIER_KEY, []))
        status.info(f"Showing the shipped run, β = {nearest.beta:g}. Move β (or press *Train again*) to train "
                    "your own run live.")

    if run is not None and run.last is not None:
        st.markdown("#### Walk along one dimension of the code")
        st.markdown("Each slider moves one number of your run's code (starting from the average test code); the "
                    "most informative dimensions (largest KL) come first. Collapsed ones change nothing.")
        walk = st.columns([3, 1])
        slider_columns = walk[0].columns(4)
        moved = {}
        for i, dim in enumerate(dims_by_kl(run.last.kl_per_dim)):
            moved[dim] = slider_columns[i % 4].slider(
                f"Dimension {dim + 1} · KL {run.last.kl_per_dim[dim]:.2f}", -4.0, 4.0,
                round(float(run.last.code_means[dim]), 1), 0.1,
                key=f"lb_walk_{st.session_state[RUNS_STARTED_KEY]}_{dim}")
        walk[1].image(strip(traverse(run.model, run.last.code_means, moved), factor=6), caption="decoded",
                      width="stretch")
        with walk[1]:
            download_gif_button("lb_code_walk", (st.session_state[RUNS_STARTED_KEY], run.last.epoch),
                                lambda: code_walk_gif(run.model, run.last.code_means, run.last.kl_per_dim),
                                "code_walk.gif", help="Each dimension walked from −3 to 3.",
                                label="Make a GIF of this walk")

    if references:
        download_gif_button("lb_sweep", len(references), lambda: beta_sweep_gif(references, shipped_digits),
                            "beta_sweep.gif", help="One frame per shipped β: the ladder's rows, as a GIF.",
                            label="Make a GIF of the β ladder")
    if evidence:
        st.markdown("#### The shipped runs, measured")
        st.markdown(gallery_introduction(evidence))
        st.markdown(f"**Reconstructions.** {reconstruction_summary(evidence)}")
        st.markdown(f"**Decodes of draws from the prior.** {samples_summary(evidence)}")

    st.markdown("#### What is going on")
    st.markdown(
        r"""
**The ELBO.** A VAE's encoder does not give one code per digit but a small cloud: a mean and a spread for each
dimension of the code. Training maximises the *evidence lower bound* (ELBO), a floor under how probable the model
finds the training digits, which has two parts. The reconstruction term asks that codes drawn from the cloud
decode back to the digit. The KL term measures how far the cloud is from the *prior* $\mathcal N(0, I)$, the
bell curve that we later sample from. The loss here is reconstruction $+\ \beta\cdot$ KL, with the
reconstruction scored by binary cross-entropy, which treats every pixel as a coin flip between black and
white. At β = 1 that is exactly the negative ELBO only for such black-or-white pixels (a *Bernoulli* decoder);
MNIST's pixels come in shades of grey, so here it is a close stand-in for it.

**The reparameterisation trick.** Drawing a random code would block the gradient, so the code is written as
$\mu + \sigma\cdot\varepsilon$ with $\varepsilon$ drawn from $\mathcal N(0, I)$ on its own. The randomness
sits in $\varepsilon$; $\mu$ and $\sigma$ are ordinary outputs of the encoder that gradients can reach.
"""
    )
    st.markdown(
        f"**Active dimensions.** This page calls a dimension of the code *active* when its KL, averaged over test "
        f"digits, is above {ACTIVE_KL:g} nat: below that it tells the decoder almost nothing about which digit came "
        "in. That is this page's own rule of thumb. The usual test, from Burda, Grosse and Salakhutdinov (2016), "
        "asks instead whether the dimension's mean code changes from digit to digit (its variance over the data "
        f"above {MEAN_VARIANCE:g}), which is far easier to pass. "
        + (active_rule_comparison(evidence, references[-1].kl_per_dim.size) if evidence else "")
    )
    st.markdown(
        r"""
**What each β does.**
- *β = 0*: only reconstruction counts. Reconstructions are sharpest, but the KL grows large and the codes
  spread far from the centre, so draws from the prior land where no digit's code lies and often decode to
  shapes that are no clear digit.
- *β near 1*: a balance. Reconstructions soften a little; the codes gather around the centre, where the
  prior's draws land, and the decodes of those draws look more like digits.
- *Large β*: staying close to the prior is worth more than reconstructing well. Watch the KL bars: dimension
  after dimension drops below the line and carries almost nothing about the digit (*posterior collapse*),
  reconstructions blur, though most stay readable, and the point on the rate-distortion curve slides to the
  left (less KL) and up (worse reconstruction).
"""
    )

view.finish()
next_link(PAGE)
