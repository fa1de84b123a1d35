"""The Anomaly page's widget keys, named once: view links, lesson links and the tests know the widgets by them."""

DIGIT = "anomaly_digit"  # the digit the model never saw: which shipped model
INSPECT = "anomaly_inspect"  # which test images are shown


def threshold_key(held_out: int) -> str:
    """The threshold slider of the model that never saw `held_out`: each model keeps its own threshold."""
    return f"anomaly_threshold_{held_out}"


HISTOGRAM_CHART, ROC_CHART, INK_CHART = "anomaly_histogram", "anomaly_roc", "anomaly_ink"
