import json

import numpy as np
from sklearn.metrics import roc_auc_score

from explorer.checkpoints.store import PRETRAINED_DIR
from tests.app.conftest import image_urls
from tests.app.own_digit import give_own_digit

PAGE = "app_pages/anomaly.py"


def metrics(app) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def shipped_auc(digit: int) -> float:
    group = json.loads((PRETRAINED_DIR / "manifest.json").read_text())["groups"]["anomaly"]
    with np.load(PRETRAINED_DIR / group["errors"]) as arrays:
        return roc_auc_score(arrays["labels"] == digit, arrays[group["models"][str(digit)]])


def test_opens_with_histogram_roc_ink_chart_metrics_and_ranked_heat_maps(open_page):
    app = open_page(PAGE)
    digit = app.selectbox(key="anomaly_digit").value
    assert [chart.key for chart in app.get("plotly_chart")] == ["anomaly_histogram", "anomaly_roc", "anomaly_ink"]
    assert list(metrics(app)) == ["Flagged (of 1000)", "Precision", "Recall", "False alarms", "ROC AUC"]
    assert metrics(app)["ROC AUC"] == f"{shipped_auc(digit):.3f}"
    assert len(image_urls(app)) == 24  # 8 ranked test images, their reconstructions and heat maps
    captions = [caption for image in app.get("image") for caption in image.captions]
    assert captions[0].startswith("#1: digit")


def test_the_threshold_trades_precision_for_recall(open_page):
    app = open_page(PAGE)
    key = f"anomaly_threshold_{app.selectbox(key='anomaly_digit').value}"
    app.slider(key=key).set_value(0.0).run()
    everything = metrics(app)
    assert everything["Recall"] == "100%" and everything["False alarms"] == "100%"
    assert everything["Flagged (of 1000)"] == "1000"
    app.slider(key=key).set_value(app.slider(key=key).max).run()
    strict = metrics(app)
    assert int(strict["Flagged (of 1000)"]) < 20
    assert strict["Recall"] != "100%"


def test_each_shipped_model_and_inspection_works(open_page):
    app = open_page(PAGE)
    options = app.selectbox(key="anomaly_digit").options
    assert len(options) >= 3
    aucs = set()
    for option in options:
        app.selectbox(key="anomaly_digit").set_value(int(option)).run()
        assert not app.exception
        aucs.add(metrics(app)["ROC AUC"])
        assert metrics(app)["ROC AUC"] == f"{shipped_auc(int(option)):.3f}"
    assert len(aucs) == len(options)
    for mode in ("anomalies", "normal", "ranked"):
        app.radio(key="anomaly_inspect").set_value(mode).run()
        assert not app.exception and len(image_urls(app)) == 24


def test_the_students_digit_is_scored_against_the_threshold(open_page):
    app = open_page(PAGE)
    give_own_digit(app)
    verdicts = [md.value for md in app.markdown if "Flagged as an anomaly" in md.value or "Looks normal" in md.value]
    assert len(verdicts) == 1 and "normal test digits" in verdicts[0]


def test_a_build_without_the_anomaly_group_says_so(open_page, manifest_without):
    manifest_without("anomaly")
    app = open_page(PAGE)
    assert "anomaly" in app.error[0].value and "manifest.json" in app.error[0].value


def test_the_explanations_carry_the_shipped_numbers_and_define_their_terms(open_page):
    app = open_page(PAGE)
    digit = app.selectbox(key="anomaly_digit").value
    group = json.loads((PRETRAINED_DIR / "manifest.json").read_text())["groups"]["anomaly"]
    with np.load(PRETRAINED_DIR / group["errors"]) as arrays:
        scores, labels = arrays[group["models"][str(digit)]], arrays["labels"]
    text = " ".join(md.value for md in app.markdown) + " ".join(caption.value for caption in app.caption)
    assert f"their mean error is {scores[labels == digit].mean():.4f}" in text
    assert f"the normal digits' {scores[labels != digit].mean():.4f}" in text
    for term in ("**Precision**", "**Recall**", "**False alarms**", "**ROC curve**", "**AUC**"):
        assert term in text
    hardest = min((int(d) for d in group["models"]), key=lambda d: shipped_auc(d))
    assert f"the one that never saw {hardest}s separates worst (AUC {shipped_auc(hardest):.3f}" in text
