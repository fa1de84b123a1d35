"""Loss balance: the shipped β-VAE runs side by side, β from small to large, and a run of the student's own
retrained live as β moves; below, its charts, a walk along its code and what is going on."""

from functools import partial

import streamlit as st

from explorer.core.data import BUNDLED
from explorer.topics.loss_balance.epoch_view import make_probe
from explorer.topics.loss_balance.run import warm_start_from
from explorer.topics.loss_balance.settings import REFERENCE_LATENT
from explorer.topics.loss_balance.story import look_for_words
from explorer.ui.loss_balance import keys
from explorer.ui.loss_balance.charts import RunCharts
from explorer.ui.loss_balance.controls import run_controls, run_requested
from explorer.ui.loss_balance.deeper import code_walk, explain, ladder_gif, shipped_measured
from explorer.ui.loss_balance.ladder import beta_ladder
from explorer.ui.loss_balance.live import ENDINGS, draw_epoch, show_nearest_reference, start_run, starts_from
from explorer.ui.loss_balance.loaders import evidence_or_none, live_dataset, references_or_none
from explorer.ui.loss_balance.predictions import loss_balance_prediction
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.live_run import LiveRunPanel, live_training, run_cost
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import bundled_data
from explorer.ui.shared.view_link import ViewLink

PAGE = "app_pages/loss_balance.py"

page_header("⚖️ Loss balance", "What does β trade: sharp reconstructions, or new digits from random codes?")
predict_first(loss_balance_prediction)

references = references_or_none()
training = live_training()  # its warm-up starts in the background on the first visit to this server

# ---- Controls, in one row
view = ViewLink(PAGE)
controls = run_controls(view)
settings = controls.settings
loaded = live_dataset(settings.dataset)
data = loaded.data
warm_reference = warm_start_from(settings, references)
controls.popover.caption(
    f"Training on **{training.device.upper()}** · next run: {starts_from(settings, warm_reference)} · "
    f"{len(data.train_images):,} training and {len(data.test_images):,} test images · "
    f"{run_cost(training, keys.RUN, settings.epochs)}")
for notice in (training.device_notice, loaded.notice):
    if notice:
        st.warning(notice)

# ---- The result of the last move, then the main picture: the β ladder, with this session's run in it
status = st.empty()
pending = run_requested()
run = st.session_state.get(keys.RUN)
evidence = evidence_or_none(references)
shown = settings if pending else (run.settings if run is not None and run.last is not None else None)
bundled = bundled_data()
shipped_digits = make_probe(bundled.test_images, bundled.test_labels, REFERENCE_LATENT).images  # the runs' digits
live_row = beta_ladder(references, evidence, shipped_digits, live_beta=shown.beta if shown else None,
                       selected_beta=settings.beta, own_originals=shown is not None and shown.dataset != BUNDLED)

look_for(look_for_words(evidence))

with deeper(lazy=False):  # the live run draws its epochs here
    st.markdown("#### Loss, rate and the code, epoch by epoch")
    charts = RunCharts(references)
    panel = LiveRunPanel(keys.RUN, status, partial(draw_epoch, live_row, charts, status, data))
    if pending:
        start_run(panel, settings, warm_reference, training, data, live_row)
    run = panel.settle(ENDINGS)
    if run is None and references:
        show_nearest_reference(references, charts, status, settings.beta)
    if run is not None and run.last is not None:
        code_walk(run)
    if references:
        ladder_gif(references, shipped_digits)
    if evidence:
        shipped_measured(evidence)
    explain(evidence, references)

view.finish()
next_link(PAGE)
