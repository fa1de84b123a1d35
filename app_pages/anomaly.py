"""Anomaly: an autoencoder that never saw one digit reconstructs it less well, and that error flags it."""

import numpy as np
import streamlit as st

from explorer.core.data import PIXELS
from explorer.topics.anomaly.by_digit import errors_by_digit, ink, ink_against_normal
from explorer.topics.anomaly.figures import error_against_ink_figure, error_histogram_figure, roc_figure
from explorer.topics.anomaly.logic import (
    DEFAULT_FALSE_ALARMS,
    at_threshold,
    default_threshold,
    error_maps,
    most_anomalous,
    roc,
)
from explorer.topics.anomaly.story import (
    hardest_to_flag,
    ranked_caption,
    threshold_in_words,
    why_it_fails,
    why_it_works,
)
from explorer.ui.anomaly.loaders import anomaly_aucs, anomaly_test_errors
from explorer.ui.anomaly.predictions import anomaly_prediction
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.images import show_digit, show_digit_rows, show_heat_map
from explorer.ui.shared.own_digit import own_digit_input
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import bundled_data, pretrained_model, pretrained_store
from explorer.ui.shared.style import show_figure
from explorer.ui.shared.view_link import ViewLink, ViewParam

PAGE = "app_pages/anomaly.py"
IMAGES_SHOWN = 8
INSPECT = {
    "ranked": "The most anomalous, ranked",
    "anomalies": "Random unseen digits",
    "normal": "Random normal digits",
}

page_header("🚨 Anomaly: catching the digit it never saw",
            "Can an autoencoder flag a digit it never saw, by how badly it reconstructs it?")
predict_first(anomaly_prediction)

with report_pretrained_error():
    group = pretrained_store().group("anomaly")
    arrays = anomaly_test_errors()
data = bundled_data()
image_ink = ink(data.test_images)

held_out_options = sorted(int(digit) for digit in group["models"])
view = ViewLink(PAGE)
view.restore(ViewParam("digit", "anomaly_digit", int, options=held_out_options),
             ViewParam("images", "anomaly_inspect", options=list(INSPECT)))
controls = st.columns([1.1, 2.6, 1.5])
held_out = view.control(controls[0].selectbox, "The digit it never saw", held_out_options, key="anomaly_digit",
                                 help="Each choice is a different shipped autoencoder, trained on the other nine "
                                      "digits.")
model_name = group["models"][str(held_out)]
scores = arrays[model_name]
is_anomaly = arrays["labels"] == held_out
top = float(np.quantile(scores, 0.995))
view.restore(ViewParam("threshold", f"anomaly_threshold_{held_out}", float, low=0.0, high=round(top, 4)))
threshold = view.control(
    controls[1].slider,
    "Flag an image when its reconstruction error is at least", min_value=0.0, max_value=round(top, 4),
    value=round(min(default_threshold(scores, is_anomaly), top), 4), step=round(top / 200, 5), format="%.4f",
    key=f"anomaly_threshold_{held_out}",
    help=f"An image's reconstruction error is the mean, over its {PIXELS} pixels, of the squared difference "
         "between the image and its reconstruction (pixels run from 0 to 1). The threshold starts where "
         f"{DEFAULT_FALSE_ALARMS:.0%} of the normal digits are flagged.",
)
mode = view.control(controls[2].selectbox, "Which test images", list(INSPECT), format_func=INSPECT.get,
                    key="anomaly_inspect")
result = at_threshold(scores, is_anomaly, threshold)
st.markdown(threshold_in_words(result, held_out, int(is_anomaly.sum()), int((~is_anomaly).sum())))

with report_pretrained_error():
    model = pretrained_model(model_name)
if mode == "ranked":
    indices = most_anomalous(scores, IMAGES_SHOWN)
else:
    pool = np.flatnonzero(is_anomaly if mode == "anomalies" else ~is_anomaly)
    indices = np.random.default_rng(0).choice(pool, size=min(IMAGES_SHOWN, len(pool)), replace=False)
maps = error_maps(model, data.test_images[indices])
vmax = float(np.quantile(maps.pixel_errors, 0.995))
labels = data.test_labels[indices]
show_digit_rows([
    ("Test image", maps.images, [f"#{rank + 1}: digit {label}" if mode == "ranked" else f"digit {label}"
                                 for rank, label in enumerate(labels)]),
    ("Reconstruction and its error", maps.reconstructions,
     [("🚩 " if score >= threshold else "") + f"{score:.4f}" for score in scores[indices]]),
])
cells = st.columns([1.3] + [1] * len(indices), vertical_alignment="center")
cells[0].markdown("**Error per pixel**")
for cell, pixel_errors in zip(cells[1:], maps.pixel_errors, strict=True):
    with cell:
        show_heat_map(pixel_errors, vmax)
heat = ("🚩 marks an error at or above the threshold. Heat maps: black where the reconstruction matches, through "
        "red and yellow to white where it is furthest off.")
if mode == "ranked":
    normal_top = indices[~is_anomaly[indices]]
    heat = ranked_caption(held_out, IMAGES_SHOWN, data.test_labels[normal_top],
                          ink_against_normal(image_ink, normal_top, is_anomaly)) + " " + heat
st.caption(heat)

histogram, advice = st.columns([3, 2], vertical_alignment="center")
with histogram:
    st.markdown(f"**Every test image's reconstruction error**, normal digits against the unseen {held_out}s")
    show_figure(error_histogram_figure(scores, is_anomaly, threshold, held_out), key="anomaly_histogram")
with advice:
    look_for(
        f"Move the threshold. Lower, it catches more of the unseen {held_out}s but flags more normal digits too; "
        "higher, the reverse. The dashed line on the histogram shows where it cuts, and the 🚩 flags on the "
        "reconstructions come and go. The heat maps show where a reconstruction misses: along the strokes."
    )

mine = own_digit_input("anomaly")
if mine is not None:
    own = error_maps(model, mine.image[None])
    score = float(own.scores[0])
    flagged = score >= threshold
    normal_rank = float((scores[~is_anomaly] < score).mean())
    columns = st.columns([1, 1, 1, 5], vertical_alignment="center")  # digits the size of the rows above
    with columns[0]:
        show_digit(own.images[0], "your digit")
    with columns[1]:
        show_digit(own.reconstructions[0], f"error {score:.4f}")
    with columns[2]:
        show_heat_map(own.pixel_errors[0], max(vmax, float(own.pixel_errors[0].max())), "error per pixel")
    columns[3].markdown(
        f"**{'🚩 Flagged as an anomaly' if flagged else '✅ Looks normal'}** to the model that never saw "
        f"{held_out}s: its error is higher than that of {normal_rank:.0%} of the normal test digits."
    )

with deeper():
    st.markdown(
        "**The idea.** Each autoencoder here learned from nine digits and **never saw the tenth**. How far its "
        "reconstruction of an image is from the original, its *reconstruction error* (the squared difference of "
        "each pixel, averaged over the image: MSE), works as an *anomaly score*: at or above a threshold, an image "
        "is flagged as unusual. No labels are needed to train it, only examples of what is normal."
    )
    curve = roc(scores, is_anomaly)
    stats = st.columns(5)
    stats[0].metric(f"Flagged (of {len(scores)})", str(result.flagged))
    stats[1].metric("Precision", f"{result.precision:.0%}")
    stats[2].metric("Recall", f"{result.recall:.0%}")
    stats[3].metric("False alarms", f"{result.false_positive_rate:.0%}")
    stats[4].metric("ROC AUC", f"{curve.auc:.3f}", help="The area under the ROC curve (the chart below): 1.0 is "
                    "a perfect detector, 0.5 no better than a coin toss.")
    st.caption(f"**Flagged**: the test images whose error is at or above the threshold. **Precision**: of the "
               f"flagged images, the share that really are unseen {held_out}s. **Recall**: of all "
               f"{int(is_anomaly.sum())} unseen {held_out}s, the share that got flagged. **False alarms**: of the "
               "normal digits, the share flagged by mistake.")
    chart, words = st.columns([3, 2], vertical_alignment="center")
    with chart:
        st.markdown("**Every threshold at once: the ROC curve**")
        show_figure(roc_figure(curve.false_positive_rate, curve.true_positive_rate, curve.auc,
                               (result.false_positive_rate, result.recall)), key="anomaly_roc")
    words.markdown(
        "Lower the threshold from the top to zero and, at every step, mark the share of false alarms "
        "(across) and the recall (up): that path is the **ROC curve**. The name, *receiver operating "
        "characteristic*, comes from radar operators, who faced the same trade between catching every "
        "plane and raising false alarms. The **AUC** (area under the curve) is the chance that a randomly "
        f"picked unseen {held_out} has a higher error than a randomly picked normal digit. Moving the threshold "
        "trades **precision** (few false alarms) against **recall** (few missed anomalies); while the two "
        "groups overlap, no threshold separates them perfectly."
    )

    by_digit = errors_by_digit(scores, arrays["labels"], image_ink, held_out)
    st.markdown(why_it_works(by_digit))
    chart, story = st.columns([3, 2])
    with chart:
        show_figure(error_against_ink_figure(image_ink, scores, is_anomaly, by_digit), key="anomaly_ink")
    story.markdown(why_it_fails(by_digit, data.test_images[0].size))
    with report_pretrained_error():
        aucs = anomaly_aucs()
    hardest = min(aucs, key=aucs.get)
    st.markdown(hardest_to_flag(aucs, errors_by_digit(arrays[group["models"][str(hardest)]], arrays["labels"],
                                                      image_ink, hardest)))

view.finish()
next_link(PAGE)
