"""Shapes: β-VAEs on pictures whose true factors are known, walked one code dimension at a time, scored against
those factors (MIG), and a β run of the student's own, scored epoch by epoch."""

import itertools

import streamlit as st

from explorer.core.images import strip
from explorer.core.shapes import FACTOR_NAMES, FACTOR_SIZES, SHAPE_NAMES, factor_value
from explorer.models.gaussian import dims_by_kl
from explorer.topics.shapes.disentanglement import MIG_IN_ONE_LINE
from explorer.topics.shapes.figures import factor_matrix_figure, mig_figure
from explorer.topics.shapes.live import begin_run, view_epoch
from explorer.topics.shapes.settings import (
    ACTIVE_KL,
    LATENT_DIM,
    LIVE_BETAS,
    TRAVERSAL_REACH,
    ShapesRunSettings,
    nearest_shipped,
)
from explorer.topics.shapes.story import HELD, largest_beta_story, mig_story, never_held_story
from explorer.topics.shapes.traversal import code_of, traversal_rows, walk_change
from explorer.training.live import LiveRun, live_device, train_live
from explorer.ui.shapes.loaders import shapes_data, shapes_runs, shapes_split
from explorer.ui.shapes.predictions import shapes_prediction
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import live_training_warm_up, pretrained_model, training_slots
from explorer.ui.shared.shortcuts import TRAIN_AGAIN, keys_hint
from explorer.ui.shared.style import show_figure
from explorer.ui.shared.view_link import ViewLink, ViewParam

PAGE = "app_pages/shapes.py"
RUN_KEY = "shapes_run"  # this session's LiveRun (session_state: never shared with another student)
STILL = {"displayModeBar": False}  # the matrices' toolbar would cover their column names
redraws = itertools.count()  # a fresh key for each redraw of a chart within one script run
MIDDLE = {"scale": 3, "rotation": 0, "x": 3, "y": 4}  # the walk starts from a mid-sized, upright, central shape


def dim_label(scores, dim: int) -> str:
    return f"dim {dim + 1} · KL {scores.kl_per_dim[dim]:.1f}"


page_header("🔷 Shapes: does β untangle the factors?",
            "On pictures made from five known factors, does a larger β give each factor a code dimension of its own?")
predict_first(shapes_prediction)

with report_pretrained_error():
    runs = shapes_runs()
shapes = shapes_data()
betas = [run.beta for run in runs]

view = ViewLink(PAGE)
view.restore(ViewParam("beta", "shapes_beta", float, options=betas),
             ViewParam("start", "shapes_start", options=list(SHAPE_NAMES)))
controls = st.columns([3, 1.2])
beta = view.control(controls[0].segmented_control, "β of the shipped run", options=betas,
                    format_func=lambda value: f"β = {value:g}", default=betas[len(betas) // 2], required=True,
                    key="shapes_beta",
                    help="One button per shipped model: the same β-VAE, trained with this weight on its KL term.")
start = view.control(controls[1].selectbox, "Walk from a", list(SHAPE_NAMES), key="shapes_start",
                     help="The shape whose code every row starts from: mid-sized, upright, near the middle.")

run = runs[betas.index(beta)]
scores = run.scores
with report_pretrained_error():
    model = pretrained_model(run.name)
start_image = shapes.images[shapes.index(shape=SHAPE_NAMES.index(start), **MIDDLE)]
order = dims_by_kl(scores.kl_per_dim)
in_use = [dim for dim in order if scores.active[dim]]
unused = [dim for dim in order if not scores.active[dim]]
start_code = code_of(model, start_image)
rows = traversal_rows(model, start_code, in_use)

left, right = st.columns([3, 2], gap="large")
with left:
    st.markdown(f"**Each row walks one dimension of the code from −{TRAVERSAL_REACH:g} to {TRAVERSAL_REACH:g}** "
                f"from the {start}'s code, labelled by the factor it carries most over all the shapes.")
    for dim, row in zip(in_use, rows, strict=True):
        cells = st.columns([1.3, 3.4, 0.5], vertical_alignment="center", gap="small")
        cells[0].markdown(f"**{scores.label(dim)}**  \n{dim_label(scores, dim)}")
        cells[1].image(strip(row, factor=2), width="stretch")
    if unused:
        quiet = walk_change(traversal_rows(model, start_code, unused)).max()
        against = f", against at least {walk_change(rows).min():.1f} for the rows above" if in_use else ""
        st.caption(f"{len(unused)} of the {LATENT_DIM} dimensions are unused at β = {beta:g} (KL below "
                   f"{ACTIVE_KL:g} nat): walking one end to end changes the {start} by at most {quiet:.1f} pixels' "
                   f"worth of ink{against}, so they are left out.")
with right:
    st.markdown("**How much of each factor each dimension holds** (normalised mutual information)")
    show_figure(factor_matrix_figure(scores.normalised[order], [dim_label(scores, dim) for dim in order]),
                key="shapes_matrix", config=STILL)
    st.markdown(f"**MIG across β.** {MIG_IN_ONE_LINE}")
    mig_chart = st.empty()


def draw_mig(live: tuple[float, float] | None = None) -> None:
    with mig_chart:
        show_figure(mig_figure(betas, [each.scores.mig for each in runs], [each.mig_range for each in runs],
                               chosen=beta, live=live), key=f"shapes_mig_{next(redraws)}")


draw_mig()
look_for(mig_story(runs) + " Walk the rows: a dimension that moves one thing only (just the position, just the "
         "size) is untangled; one that moves and reshapes at once is not.")

# ---- A run of the student's own, on the same shapes, in the same line as Loss balance's runs
st.subheader("Train your own β on the shapes")
device, device_notice = live_device()
warm_up = live_training_warm_up()
slots = training_slots(device)
view.restore(ViewParam("run_beta", "shapes_live_beta", float, options=LIVE_BETAS),
             ViewParam("epochs", "shapes_live_epochs", int, low=1, high=20))
live_controls = st.columns([4, 2, 1.2], vertical_alignment="bottom")
live_beta = view.control(live_controls[0].select_slider, "β for your run", options=LIVE_BETAS, value=4.0,
                         key="shapes_live_beta",
                         help="Your run starts from the weights of the shipped run with the nearest β.")
epochs = view.control(live_controls[1].slider, "Epochs", 1, 20, 8, key="shapes_live_epochs")
with live_controls[2]:
    keys_hint(f"Key {TRAIN_AGAIN}")
    train = st.button("Train", key="shapes_train", width="stretch", shortcut=TRAIN_AGAIN)
settings = ShapesRunSettings(beta=live_beta, epochs=epochs)
st.caption(f"Starts from the shipped β = {nearest_shipped(live_beta, tuple(betas)):g} run · {len(shapes):,} shapes "
           f"scored after every epoch · training on {device.upper()}, at most {slots.capacity} run(s) at once on "
           "this server")
if device_notice:
    st.warning(device_notice)
status = st.empty()
live_left, live_right = st.columns([3, 2], gap="large")
live_pictures, live_matrix = live_left.empty(), live_right.empty()
train_ids, test_ids, probe = shapes_split()


def draw_run(live_run: LiveRun) -> None:
    shown = live_run.last
    with live_pictures.container():
        st.markdown("**Held-out shapes (top) and your run's reconstructions (bottom)**")
        st.image(strip(shapes.images[probe], factor=2), width="stretch")
        st.image(strip(shown.reconstructions, factor=2), width="stretch")
        used = [dim for dim in dims_by_kl(shown.scores.kl_per_dim) if shown.scores.active[dim]]
        st.markdown("**What its dimensions in use carry:** "
                    + (", ".join(shown.scores.label(dim) for dim in used) if used else "none is in use"))
    with live_matrix.container():
        st.markdown(f"**Your run's matrix, epoch {shown.epoch}**")
        live_order = dims_by_kl(shown.scores.kl_per_dim)
        show_figure(factor_matrix_figure(shown.scores.normalised[live_order],
                                         [dim_label(shown.scores, dim) for dim in live_order], height=300),
                    key=f"shapes_live_matrix_{next(redraws)}", config=STILL)
    draw_mig(live=(live_run.settings.beta, shown.scores.mig))
    status.info(f"Epoch {shown.epoch} of {shown.epochs} at β = {live_run.settings.beta:g} · MIG "
                f"{shown.scores.mig:.3f} · test loss {shown.test.total:.1f} (reconstruction "
                f"{shown.test.recon:.1f}, KL {shown.test.kl:.1f}) · {shown.images_per_second:,.0f} images/s")


if train:
    warm_from = next(each for each in runs if each.beta == nearest_shipped(live_beta, tuple(betas)))
    with report_pretrained_error():
        warm_model = pretrained_model(warm_from.name)
    live_run = begin_run(settings, device, warm_model, warm_up)
    st.session_state[RUN_KEY] = live_run  # saved before training: each epoch lands in it as it goes

    def show_place_in_line(ahead: int) -> None:  # a Streamlit call: moving a widget while waiting gives it up
        status.warning(f"⏳ Waiting for a free trainer: {ahead} run(s) from other students ahead of yours.")

    with slots.hold(on_wait=show_place_in_line):
        status.info(f"Training at β = {live_beta:g}, from the shipped β = {warm_from.beta:g} run…")
        train_live(live_run, shapes.images[train_ids], shapes.images[test_ids],
                   view=lambda trained, report: view_epoch(shapes, probe, trained, report),
                   on_view=lambda shown: draw_run(live_run))
live_run = st.session_state.get(RUN_KEY)
live_run = live_run.settled() if live_run is not None else None
if live_run is not None and live_run.last is not None:
    draw_run(live_run)
    ended = {"failed": f"failed in epoch {live_run.last.epoch + 1}: {live_run.problem}",
             "stopped": f"was stopped after epoch {live_run.last.epoch}"}.get(live_run.status)
    if ended:
        status.warning(f"Your run at β = {live_run.settings.beta:g} {ended}.")
    else:
        status.success(f"Finished {live_run.last.epoch} epochs at β = {live_run.settings.beta:g}: MIG "
                       f"{live_run.last.scores.mig:.3f}, {int(live_run.last.scores.active.sum())} of {LATENT_DIM} "
                       "dimensions in use.")
elif live_run is not None and live_run.status == "failed":
    status.error(f"Your run at β = {live_run.settings.beta:g} failed before its first epoch: {live_run.problem}.")
else:
    status.info("Press **Train** to retrain a shipped run at your β and watch its score change epoch by epoch.")

with deeper():
    st.markdown("#### The shipped runs, measured")
    st.markdown(f"{largest_beta_story(runs)} {never_held_story(runs)}")
    st.markdown(
        "**The data set.** Every combination of five factors, drawn here in code (no download): "
        + "; ".join(f"*{name}*, {size} values ({factor_value(name, 0)} to {factor_value(name, size - 1)})"
                    for name, size in zip(FACTOR_NAMES, FACTOR_SIZES, strict=True))
        + f", {len(shapes):,} pictures in all. Rotations stop short of 90°, where a square would look the same "
          "again, so every picture is different.")
    st.markdown(
        "**How a row's label is measured.** For each dimension, the code means of all the shapes are sorted into "
        "20 bins, and the mutual information between those bins and each factor is divided by what there is to "
        "know about that factor (its entropy): 100% means the dimension alone tells the factor exactly. A row is "
        f"labelled with its largest share; the matrix shows all of them. Shares under {HELD:.0%} count as "
        "holding next to nothing.")
    st.markdown(
        "**MIG, the mutual information gap** (Chen et al., 2018). For each factor, take the share held by the "
        "dimension that knows most about it and subtract the share of the runner-up, then average over the five "
        "factors. A factor squeezed into one dimension scores near 1; a factor spread evenly over two dimensions, "
        "or held by none, scores near 0. MIG does not mind one dimension carrying two factors: the matrix shows "
        "that side.")
    st.markdown(
        "**Why β might help, and why it need not.** A larger β charges more for every nat of KL, so the code "
        "keeps fewer dimensions and each posterior stays close to N(0, I), whose dimensions are independent. "
        "Higgins et al. (2017) argued that this pressure favours dimensions that line up with independent "
        "factors. Locatello et al. (2019) showed that without labels nothing forces it: the prior looks the same "
        "after any rotation of the code, so a model may just as well mix factors.")

view.finish()
next_link(PAGE)
