"""Shapes: β-VAEs on pictures whose true factors are known, walked one code dimension at a time, scored against
those factors (MIG), and a β run of the student's own, scored epoch by epoch."""

import streamlit as st

from explorer.core.shapes import SHAPE_NAMES
from explorer.topics.shapes.story import mig_story
from explorer.ui.shapes import keys
from explorer.ui.shapes.deeper import explain
from explorer.ui.shapes.live import ENDINGS, LivePictures, live_controls, start_run
from explorer.ui.shapes.loaders import shapes_data, shapes_runs, shapes_split
from explorer.ui.shapes.panels import MIDDLE, shipped_controls, shipped_walk
from explorer.ui.shapes.predictions import shapes_prediction
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.live_run import LiveRunPanel, live_training
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import pretrained_model
from explorer.ui.shared.view_link import ViewLink

PAGE = "app_pages/shapes.py"

page_header("🔷 Shapes: does β untangle the factors?",
            "On pictures made from five known factors, does a larger β give each factor a code dimension of its own?")
predict_first(shapes_prediction)

with report_pretrained_error():
    runs = shapes_runs()
shapes = shapes_data()
betas = [run.beta for run in runs]

# ---- Controls, then the main picture: the shipped run's walk, its matrix and MIG across β
view = ViewLink(PAGE)
beta, start = shipped_controls(view, betas)
run = runs[betas.index(beta)]
with report_pretrained_error():
    model = pretrained_model(run.name)
start_image = shapes.images[shapes.index(shape=SHAPE_NAMES.index(start), **MIDDLE)]
mig_chart = shipped_walk(runs, run, model, start, start_image)
mig_chart.draw()
look_for(mig_story(runs) + " Walk the rows: a dimension that moves one thing only (just the position, just the "
         "size) is untangled; one that moves and reshapes at once is not.")

# ---- A run of the student's own, on the same shapes, in the same line as Loss balance's runs
st.subheader("Train your own β on the shapes")
training = live_training()
live = live_controls(view, training, betas, len(shapes))
if training.device_notice:
    st.warning(training.device_notice)
status = st.empty()
split = shapes_split()
panel = LiveRunPanel(keys.RUN, status, LivePictures(shapes, split[2], mig_chart, status).draw)
if live.train:
    start_run(panel, live.settings, runs, training, shapes, split)
if panel.settle(ENDINGS) is None:
    status.info("Press **Train** to retrain a shipped run at your β and watch its score change epoch by epoch.")

with deeper() as opened:
    if opened:
        explain(runs, len(shapes))

view.finish()
next_link(PAGE)
