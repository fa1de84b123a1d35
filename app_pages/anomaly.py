"""Anomaly: an autoencoder that never saw one digit reconstructs it less well, and that error flags it."""

import streamlit as st

from explorer.topics.anomaly.by_digit import ink
from explorer.topics.anomaly.logic import at_threshold
from explorer.topics.anomaly.story import threshold_in_words
from explorer.ui.anomaly.controls import anomaly_controls
from explorer.ui.anomaly.deeper import show_detector, show_why
from explorer.ui.anomaly.loaders import anomaly_test_errors
from explorer.ui.anomaly.panels import show_histogram, show_own_digit, show_test_images
from explorer.ui.anomaly.predictions import anomaly_prediction
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.own_digit import own_digit_input
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import bundled_data, pretrained_model, pretrained_store
from explorer.ui.shared.view_link import ViewLink

PAGE = "app_pages/anomaly.py"

page_header("🚨 Anomaly: catching the digit it never saw",
            "Can an autoencoder flag a digit it never saw, by how badly it reconstructs it?")
predict_first(anomaly_prediction)

with report_pretrained_error():
    models = pretrained_store().group("anomaly")["models"]  # the model of each held-out digit
    arrays = anomaly_test_errors()
data = bundled_data()
image_ink = ink(data.test_images)

# --- the controls, in one row, and what the threshold catches ---
view = ViewLink(PAGE)
choice = anomaly_controls(view, models, arrays)
result = at_threshold(choice.scores, choice.is_anomaly, choice.threshold)
st.markdown(threshold_in_words(result, choice.held_out, int(choice.is_anomaly.sum()),
                               int((~choice.is_anomaly).sum())))

# --- the main picture: the test images, their reconstructions and errors; every error against the threshold ---
with report_pretrained_error():
    model = pretrained_model(choice.model_name)
vmax = show_test_images(model, choice, data, image_ink)
histogram, advice = st.columns([3, 2], vertical_alignment="center")
with histogram:
    show_histogram(choice)
with advice:
    look_for(
        f"Move the threshold. Lower, it catches more of the unseen {choice.held_out}s but flags more normal digits "
        "too; higher, the reverse. The dashed line on the histogram shows where it cuts, and the 🚩 flags on the "
        "reconstructions come and go. The heat maps show where a reconstruction misses: along the strokes."
    )

mine = own_digit_input("anomaly")
if mine is not None:
    show_own_digit(model, mine.image, choice, vmax)

with deeper() as opened:
    if opened:
        show_detector(choice, result)
        show_why(choice, models, arrays, image_ink, data.test_images[0].size)

view.finish()
next_link(PAGE)
