"""Your data set: the student uploads a small data set of their own (or takes the example shapes) and trains a
small AE or VAE on it live, in their own session: reconstructions, a map of the codes, decodes of random codes
and each image's nearest neighbours in code space, drawn every epoch."""

from functools import partial

import streamlit as st

from explorer.topics.own_dataset.reading import limits_text
from explorer.ui.own_dataset.controls import data_source, training_controls
from explorer.ui.own_dataset.deeper import explain, show_neighbours
from explorer.ui.own_dataset.panels import ENDINGS, LOOK_FOR, RunPictures, data_summary, start_run
from explorer.ui.own_dataset.state import ERROR_KEY, RUN_KEY, current_run, loaded, run_prediction
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.live_run import LiveRunPanel, live_training, run_cost
from explorer.ui.shared.placeholders import LazyPlaceholder
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.view_link import ViewLink

PAGE = "app_pages/own_dataset.py"

page_header("📂 Your data set", "What does an autoencoder learn from images you bring yourself?")
card = st.container()  # the prediction card, drawn last: its answer is measured from this run's training
training = live_training()  # its warm-up starts in the background on the first visit to this server

# ---- The data: upload one, or take the example
view = ViewLink(PAGE)
source = data_source(view)
data = loaded()
if data is None:  # what may be uploaded, until something is: then the uploader's ⓘ keeps saying it
    source.caption(limits_text())
if training.device_notice:
    st.warning(training.device_notice)
if problem := st.session_state.get(ERROR_KEY):
    st.error(problem, icon="📂")

# ---- The training controls, in one row
controls = training_controls(view, data)
if controls.settings is not None:
    st.caption(run_cost(training, RUN_KEY, controls.settings.epochs))

# ---- What was loaded, then the run: status, pictures and map
run = current_run()
trained = run is not None and run.last is not None
data_summary(data, trained)
status = st.empty()
pictures = RunPictures()
if data is not None and not trained and not controls.train:
    pictures.preview(data)  # a run about to start draws here instead (its elements would outlive the preview's)

look_for(LOOK_FOR)

with deeper(lazy=False):  # the live run draws its epochs here
    loss_slot = LazyPlaceholder(st.container())  # filled every epoch, like the pictures above
    neighbours = st.container()  # needs a model that has stopped training
    explain()

panel = LiveRunPanel(RUN_KEY, status, partial(pictures.draw, status, loss_slot, data))
if controls.train and data is not None:
    start_run(panel, controls.settings, training, data)
run = panel.settle(ENDINGS)
if data is not None:
    with neighbours:
        show_neighbours(run, data)

with card:
    predict_first(run_prediction)
view.finish()
next_link(PAGE)
