"""Loss balance: retrain a β-VAE live as β moves, and watch reconstruction trade against a tidy latent space."""

import math
from functools import partial

import streamlit as st

from explorer.checkpoints.store import MissingGroupError, PretrainedFileError
from explorer.core.data import DATASET_TITLES
from explorer.core.images import strip
from explorer.topics.loss_balance.epoch_view import active_dimensions, make_probe, view_epoch
from explorer.topics.loss_balance.evidence import MEAN_VARIANCE
from explorer.topics.loss_balance.figures import (
    Chart,
    kl_bars_chart,
    latent_scatter_chart,
    loss_curves_chart,
    rate_distortion_chart,
)
from explorer.topics.loss_balance.gallery_words import (
    active_rule_comparison,
    gallery_introduction,
    reconstruction_summary,
    row_captions,
    samples_summary,
)
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
from explorer.topics.loss_balance.traversal import dims_by_kl, traverse
from explorer.training.live import LiveRun, live_device, train_live
from explorer.ui.errors import report_pretrained_error, show_pretrained_error
from explorer.ui.loaders import (
    live_dataset,
    live_training_warm_up,
    pretrained_model,
    reference_evidence,
    reference_runs,
    training_slots,
)
from explorer.ui.placeholders import LazyPlaceholder

RUN_KEY = "lb_run"  # this session's current LiveRun (never shared: session_state is per browser tab)
EARLIER_KEY = "lb_earlier"  # (β, KL, reconstruction) of this session's previous runs
PENDING_KEY = "lb_pending"  # a setting moved: start a new run in this script run
RUNS_STARTED_KEY = "lb_runs_started"  # numbers each run: its traversal sliders start fresh


def request_run() -> None:
    st.session_state[PENDING_KEY] = True


st.title("⚖️ Loss balance: what β trades")
st.markdown(
    "A variational autoencoder (VAE) is trained to do two things at once: **redraw** each digit well, and "
    "keep its codes **close to a plain bell curve**, the *prior* N(0, I): each number of the code drawn on its own "
    "from a bell curve centred on 0 with a spread of 1. The aim is that codes drawn from the prior decode to new "
    "digits. β sets how much the second job counts. Move β and a small VAE retrains right here, epoch by epoch."
)

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

controls = st.columns([4, 2])
beta = controls[0].select_slider(
    "β, the weight of the KL term (KL: how far the codes stray from the prior)", options=BETA_CHOICES, value=1.0,
    key="lb_beta", on_change=request_run,
    help="KL (Kullback–Leibler divergence) measures how far the encoder's codes for a digit stray from the prior "
         f"N(0, I), in nats (information counted with natural logarithms; one nat is {1 / math.log(2):.2f} bits). "
         "β = 0: only redrawing counts, a plain autoencoder with noisy codes. β = 1: the standard VAE. Above 1: "
         "codes pulled harder towards the prior, at the price of blurrier redrawings.",
)
start = controls[1].radio("Start each run", list(START_MODES), format_func=START_MODES.get, key="lb_start",
                          on_change=request_run)
with st.expander("Run settings"):
    settings_columns = st.columns(3)
    latent_dim = settings_columns[0].select_slider(
        "Latent size k", options=LATENT_CHOICES, value=REFERENCE_LATENT, key="lb_latent", on_change=request_run,
        help=f"Warm starts exist only for k = {REFERENCE_LATENT}, the shipped runs' size.")
    epochs = settings_columns[1].slider("Epochs", 1, 40, 15, key="lb_epochs", on_change=request_run)
    dataset = settings_columns[2].selectbox("Data set", list(DATASET_TITLES), format_func=DATASET_TITLES.get,
                                            key="lb_dataset", on_change=request_run,
                                            help="Sets other than the bundled one are downloaded once, then cut to "
                                                 f"{LIVE_TRAIN_IMAGES:,} training images so an epoch stays short.")
settings = RunSettings(beta=beta, latent_dim=latent_dim, epochs=epochs, dataset=dataset, start=start)
if st.button("Train again with these settings", key="lb_train"):
    request_run()

loaded = live_dataset(settings.dataset)
data = loaded.data
for notice in (device_notice, loaded.notice):
    if notice:
        st.warning(notice)
warm_reference = warm_start_from(settings, references)
if warm_reference:
    begins = f"warm start from the shipped β = {warm_reference.beta:g} run"
else:
    why = f" (warm starts need k = {REFERENCE_LATENT} on the bundled data)" if settings.start == "warm" else ""
    begins = "from scratch" + why
st.caption(f"Training on **{device.upper()}** · next run: {begins} · at most {slots.capacity} run(s) train at once "
           f"on this server · {len(data.train_images):,} training and {len(data.test_images):,} test images")

status = st.empty()
top = st.columns([3, 2])
curves_slot, rate_slot = LazyPlaceholder(top[0]), LazyPlaceholder(top[1])
images = st.container()
image_rows = [LazyPlaceholder(images) for _ in range(3)]  # drawn in this order, so each lands in its place
bottom = st.columns(2)
kl_slot, scatter_slot = LazyPlaceholder(bottom[0]), LazyPlaceholder(bottom[1])


def run_curves(run: LiveRun) -> dict[str, list[float]]:
    return {f"{split}_{part}": [getattr(view, split)[part] for view in run.views]
            for split in ("train", "test") for part in ("loss", "recon", "kl")}


def show(chart: Chart) -> None:
    """No key: a keyless Vega-Lite chart at the same place stays on the page and takes the new data."""
    st.vega_lite_chart(chart.data, chart.spec, width="stretch")


def draw_rate_distortion(run: LiveRun | None) -> None:
    live = [(view.test["kl"], view.test["recon"]) for view in run.views] if run else []
    with rate_slot.container():
        st.markdown("**Rate against distortion**: KL (rate) and reconstruction error (distortion) of each run")
        show(rate_distortion_chart([(ref.beta, ref.rate, ref.distortion) for ref in references], live,
                                   run.settings.beta if run else None, st.session_state.get(EARLIER_KEY, [])))


def draw_images(originals, reconstructions, samples, label: str) -> None:
    image_rows[0].image(strip(originals), caption="Fixed test digits", width="stretch")
    image_rows[1].image(strip(reconstructions), caption=f"Their reconstructions ({label})", width="stretch")
    image_rows[2].image(strip(samples), caption=f"Decodes of fixed draws from the prior N(0, I) ({label})",
                        width="stretch")


def draw_view(run: LiveRun, probe) -> None:
    """Everything one epoch of the current run shows."""
    view = run.last
    with curves_slot.container():
        st.markdown(f"**Loss per epoch** (β = {run.settings.beta:g}; solid train, dashed test)")
        show(loss_curves_chart(run_curves(run), run.settings.beta, run.settings.epochs))
    draw_rate_distortion(run)
    draw_images(probe.images, view.reconstructions, view.samples, f"epoch {view.epoch}")
    with kl_slot.container():
        st.markdown(f"**KL of each latent dimension**: {view.active_dims} of {len(view.kl_per_dim)} active "
                    f"(mean KL above {ACTIVE_KL:g} nat)")
        show(kl_bars_chart(view.kl_per_dim))
    with scatter_slot.container():
        what = "the codes" if len(view.kl_per_dim) == 2 else (
            "the codes along their first two principal components (the two directions in which they vary most)")
        st.markdown(f"**Latent space**: {what}, coloured by class")
        show(latent_scatter_chart(view.codes_2d, probe.scatter_labels, len(view.kl_per_dim)))
    status.info(f"Epoch {view.epoch} of {view.epochs} at β = {run.settings.beta:g} · test loss "
                f"{view.test['loss']:.1f} (reconstruction {view.test['recon']:.1f}, KL {view.test['kl']:.1f}) · "
                f"{view.images_per_second:,.0f} images/s on {run.device.upper()}")


def draw_reference(beta_shown: float) -> None:
    """Before anything trains: the shipped run nearest β fills the live charts."""
    reference = min(references, key=lambda ref: abs(ref.beta - beta_shown))
    label = f"shipped run, β = {reference.beta:g}"
    with curves_slot.container():
        st.markdown(f"**Loss per epoch** of the {label} (solid train, dashed test)")
        show(loss_curves_chart(reference.curves, reference.beta, len(reference.curves["test_loss"])))
    draw_rate_distortion(None)
    probe = make_probe(data.test_images, data.test_labels, REFERENCE_LATENT)
    draw_images(probe.images, reference.reconstructions, reference.samples, label)
    scatter_slot.caption("The latent scatter appears when you train a run.")
    with kl_slot.container():
        active = active_dimensions(reference.kl_per_dim)
        st.markdown(f"**KL of each latent dimension** ({label}): {active} of {len(reference.kl_per_dim)} active "
                    f"(mean KL above {ACTIVE_KL:g} nat)")
        show(kl_bars_chart(reference.kl_per_dim))
    status.info(f"Showing the {label}. Move β (or press *Train again*) to train your own run live.")


def start_run() -> None:
    previous = st.session_state.get(RUN_KEY)
    if previous is not None and previous.last is not None:
        st.session_state.setdefault(EARLIER_KEY, []).append(
            (previous.settings.beta, previous.last.test["kl"], previous.last.test["recon"]))
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

    def show_place_in_line(ahead: int) -> None:  # a Streamlit call: moving a widget while waiting gives the place up
        status.warning(f"⏳ Waiting for a free trainer: {ahead} run(s) from other students ahead of yours.")

    with slots.hold(on_wait=show_place_in_line):
        status.info(f"Training at β = {settings.beta:g}…")
        train_live(run, data.train_images, data.test_images,
                   view=partial(view_epoch, probe),
                   on_view=lambda view: draw_view(run, probe))


if st.session_state.pop(PENDING_KEY, False):
    start_run()

run = st.session_state.get(RUN_KEY)
if run is not None and run.last is not None:
    probe = make_probe(data.test_images, data.test_labels, run.settings.latent_dim)
    draw_view(run, probe)
    if run.status == "failed":
        status.error(f"The run at β = {run.settings.beta:g} failed in epoch {run.last.epoch + 1}: {run.problem}. "
                     "What it learned until then is shown; move β to start a new run.")
    elif run.status == "stopped":
        status.info(f"The run at β = {run.settings.beta:g} was stopped after epoch {run.last.epoch}.")
    else:
        status.success(f"Finished {run.last.epoch} epochs at β = {run.settings.beta:g}: test loss "
                       f"{run.last.test['loss']:.1f} (reconstruction {run.last.test['recon']:.1f}, "
                       f"KL {run.last.test['kl']:.1f}), {run.last.active_dims} active dimensions.")
elif run is not None and run.status == "failed":
    status.error(f"The run at β = {run.settings.beta:g} failed before its first epoch: {run.problem}.")
elif references:
    draw_reference(settings.beta)

if run is not None and run.last is not None:
    st.subheader("Walk along one latent dimension")
    st.markdown("Each slider moves one coordinate of the code (starting from the average test code); the "
                "most informative dimensions (largest KL) come first. Collapsed ones change nothing.")
    order = dims_by_kl(run.last.kl_per_dim)
    walk = st.columns([3, 1])
    slider_columns = walk[0].columns(4)
    moved = {}
    for i, dim in enumerate(order):
        start_value = round(float(run.last.code_means[dim]), 1)
        moved[dim] = slider_columns[i % 4].slider(
            f"z{dim} · KL {run.last.kl_per_dim[dim]:.2f}", -4.0, 4.0, start_value, 0.1,
            key=f"lb_walk_{st.session_state[RUNS_STARTED_KEY]}_{dim}")
    with walk[1]:
        st.image(strip(traverse(run.model, run.last.code_means, moved), factor=6), caption="decoded", width="stretch")

evidence = None
if references:
    st.subheader("The shipped runs side by side")
    with report_pretrained_error(stop=False):  # the scores need the shipped classifier; the pictures do not
        evidence = reference_evidence()
    st.markdown(gallery_introduction(evidence) if evidence else "The same VAE trained at each β with the same seed.")
    gallery = st.columns(2)
    gallery[0].markdown("**Reconstructions of the fixed test digits**")
    gallery[1].markdown("**Decodes of the fixed prior draws**")
    if evidence:
        gallery[0].markdown(reconstruction_summary(evidence))
        gallery[1].markdown(samples_summary(evidence))
    for i, reference in enumerate(references):
        captions = row_captions(evidence.runs[i]) if evidence else (f"β = {reference.beta:g}",) * 2
        row = st.columns(2)
        row[0].image(strip(reference.reconstructions, factor=2), caption=captions[0], width="stretch")
        row[1].image(strip(reference.samples, factor=2), caption=captions[1], width="stretch")

st.subheader("What is going on")
st.markdown(
    r"""
**The ELBO.** A VAE's encoder does not give one code per digit but a small cloud: a mean and a spread for each
latent coordinate. Training maximises the *evidence lower bound* (ELBO), a floor under how probable the model
finds the training digits, which has two parts. The reconstruction term asks that codes drawn from the cloud
decode back to the digit. The KL term measures how far the cloud is from the prior $\mathcal N(0, I)$, the
bell curve that we later sample from. The loss here is reconstruction $+\ \beta\cdot$ KL, with the
reconstruction scored by binary cross-entropy, which treats every pixel as a coin flip between black and
white. At β = 1 that is exactly the negative ELBO only for such black-or-white pixels (a *Bernoulli* decoder);
MNIST's pixels come in shades of grey, so here it is a close stand-in for it.

**The reparameterisation trick.** Drawing a random code would block the gradient, so the code is written as
$z = \mu + \sigma\cdot\varepsilon$ with $\varepsilon$ drawn from $\mathcal N(0, I)$ on its own. The randomness
sits in $\varepsilon$; $\mu$ and $\sigma$ are ordinary outputs of the encoder that gradients can reach.
"""
)
st.markdown(
    f"**Active dimensions.** This page calls a latent dimension *active* when its KL, averaged over test digits, "
    f"is above {ACTIVE_KL:g} nat: below that it tells the decoder almost nothing about which digit came in. That is "
    "this page's own rule of thumb. The usual test, from Burda, Grosse and Salakhutdinov (2016), asks instead "
    "whether the dimension's mean code changes from digit to digit (its variance over the data above "
    f"{MEAN_VARIANCE:g}), which is far easier to pass. "
    + (active_rule_comparison(evidence, references[-1].kl_per_dim.size) if evidence else "")
)
st.markdown(
    r"""
**What to look for as β moves.**
- *β = 0*: only reconstruction counts. Reconstructions are sharpest, but the KL grows large and the codes
  spread far from the centre, so draws from the prior land where no digit's code lies and often decode to
  shapes that are no clear digit.
- *β near 1*: a balance. Reconstructions soften a little; the codes gather around the centre, where the
  prior's draws land, and the decodes of those draws look more like digits.
- *Large β*: staying close to the prior is worth more than redrawing well. Watch the KL bars: dimension after
  dimension drops below the line and carries almost nothing about the digit (*posterior collapse*),
  reconstructions blur, though most stay readable, and the point on the rate-distortion curve slides to the
  left (less KL) and up (worse reconstruction).
"""
)
