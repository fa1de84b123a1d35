"""The Anomaly page's "Go deeper": the idea, the detector's numbers at this threshold and at every threshold (the
ROC curve), and why the reconstruction error works, fails, and which unseen digit is hardest to flag."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explorer.topics.anomaly.by_digit import errors_by_digit
from explorer.topics.anomaly.figures import error_against_ink_figure, roc_figure
from explorer.topics.anomaly.logic import ThresholdResult, roc
from explorer.topics.anomaly.story import hardest_to_flag, why_it_fails, why_it_works
from explorer.ui.anomaly import keys
from explorer.ui.anomaly.controls import AnomalyChoice
from explorer.ui.anomaly.loaders import anomaly_aucs
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.style import show_chart


def show_detector(choice: AnomalyChoice, result: ThresholdResult) -> None:
    """The idea, then how well the threshold separates the unseen digit: its numbers, and the ROC curve."""
    held_out, scores = choice.held_out, choice.scores
    st.markdown(
        "**The idea.** Each autoencoder here learned from nine digits and **never saw the tenth**. How far its "
        "reconstruction of an image is from the original, its *reconstruction error* (the squared difference of "
        "each pixel, averaged over the image: MSE), works as an *anomaly score*: at or above a threshold, an image "
        "is flagged as unusual. No labels are needed to train it, only examples of what is normal."
    )
    curve = roc(scores, choice.is_anomaly)
    stats = st.columns(5)
    stats[0].metric(f"Flagged (of {len(scores)})", str(result.flagged))
    stats[1].metric("Precision", f"{result.precision:.0%}")
    stats[2].metric("Recall", f"{result.recall:.0%}")
    stats[3].metric("False alarms", f"{result.false_positive_rate:.0%}")
    stats[4].metric("ROC AUC", f"{curve.auc:.3f}", help="The area under the ROC curve (the chart below): 1.0 is "
                    "a perfect detector, 0.5 no better than a coin toss.")
    st.caption(f"**Flagged**: the test images whose error is at or above the threshold. **Precision**: of the "
               f"flagged images, the share that really are unseen {held_out}s. **Recall**: of all "
               f"{int(choice.is_anomaly.sum())} unseen {held_out}s, the share that got flagged. **False alarms**: of "
               "the normal digits, the share flagged by mistake.")
    chart, words = st.columns([3, 2], vertical_alignment="center")
    with chart:
        st.markdown("**Every threshold at once: the ROC curve**")
        show_chart(roc_figure, curve.false_positive_rate, curve.true_positive_rate, curve.auc,
                   (result.false_positive_rate, result.recall), key=keys.ROC_CHART)
    words.markdown(
        "Lower the threshold from the top to zero and, at every step, mark the share of false alarms "
        "(across) and the recall (up): that path is the **ROC curve**. The name, *receiver operating "
        "characteristic*, comes from radar operators, who faced the same trade between catching every "
        "plane and raising false alarms. The **AUC** (area under the curve) is the chance that a randomly "
        f"picked unseen {held_out} has a higher error than a randomly picked normal digit. Moving the threshold "
        "trades **precision** (few false alarms) against **recall** (few missed anomalies); while the two "
        "groups overlap, no threshold separates them perfectly."
    )


def show_why(choice: AnomalyChoice, models: dict[str, str], arrays: dict[str, np.ndarray], image_ink: np.ndarray,
             pixels: int) -> None:
    """Why the error flags the unseen digit, when it fails (ink), and which digit is hardest to flag."""
    labels = arrays["labels"]
    by_digit = errors_by_digit(choice.scores, labels, image_ink, choice.held_out)
    st.markdown(why_it_works(by_digit))
    chart, story = st.columns([3, 2])
    with chart:
        show_chart(error_against_ink_figure, image_ink, choice.scores, choice.is_anomaly, by_digit,
                   key=keys.INK_CHART)
    story.markdown(why_it_fails(by_digit, pixels))
    with report_pretrained_error():
        aucs = anomaly_aucs()
    hardest = min(aucs, key=aucs.get)
    st.markdown(hardest_to_flag(aucs, errors_by_digit(arrays[models[str(hardest)]], labels, image_ink, hardest)))
