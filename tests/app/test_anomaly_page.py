import json

import numpy as np
from sklearn.metrics import roc_auc_score

from explorer.checkpoints.store import PRETRAINED_DIR
from explorer.ui.anomaly import keys
from explorer.ui.shared.anatomy import DEEPER_TITLE, LOOK_FOR_TITLE
from tests.app.conftest import image_urls
from tests.app.own_digit import give_own_digit

PAGE = "app_pages/anomaly.py"


def metrics(app) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def shipped_auc(digit: int) -> float:
    group = json.loads((PRETRAINED_DIR / "manifest.json").read_text())["groups"]["anomaly"]
    with np.load(PRETRAINED_DIR / group["errors"]) as arrays:
        return roc_auc_score(arrays["labels"] == digit, arrays[group["models"][str(digit)]])


def shipped_errors(digit: int) -> tuple[np.ndarray, np.ndarray]:
    group = json.loads((PRETRAINED_DIR / "manifest.json").read_text())["groups"]["anomaly"]
    with np.load(PRETRAINED_DIR / group["errors"]) as arrays:
        return arrays[group["models"][str(digit)]], arrays["labels"] == digit


def plain_sentence(app) -> str:
    return next(md.value for md in app.markdown if md.value.startswith("**Of the "))


def test_opens_with_histogram_roc_ink_chart_metrics_and_ranked_heat_maps(open_page):
    app = open_page(PAGE)
    digit = app.selectbox(key=keys.DIGIT).value
    assert [chart.key for chart in app.get("plotly_chart")] == [keys.HISTOGRAM_CHART, keys.ROC_CHART, keys.INK_CHART]
    assert list(metrics(app)) == ["Flagged (of 1000)", "Precision", "Recall", "False alarms", "ROC AUC"]
    assert metrics(app)["ROC AUC"] == f"{shipped_auc(digit):.3f}"
    assert len(image_urls(app)) == 24  # 8 ranked test images, their reconstructions and heat maps
    captions = [caption for image in app.get("image") for caption in image.captions]
    assert captions[0].startswith("#1: digit")


def test_the_page_leads_with_the_plain_sentence_and_keeps_the_metrics_deeper(open_page):
    app = open_page(PAGE)
    digit = app.selectbox(key=keys.DIGIT).value
    threshold = app.slider(key=keys.threshold_key(digit)).value
    scores, unseen = shipped_errors(digit)
    caught, wrong = (scores[unseen] >= threshold).mean(), (scores[~unseen] >= threshold).mean()
    assert plain_sentence(app) == (f"**Of the {unseen.sum()} unseen {digit}s, {caught:.0%} are caught; {wrong:.0%} of "
                                   f"the {(~unseen).sum()} normal digits are wrongly flagged.** The threshold flags "
                                   f"{(scores >= threshold).sum()} of the 1,000 test images; "
                                   f"{(scores[unseen] >= threshold).sum() / (scores >= threshold).sum():.0%} of them "
                                   f"really are {digit}s.")
    text = [md.value for md in app.markdown]
    assert text.index(plain_sentence(app)) < next(i for i, value in enumerate(text) if LOOK_FOR_TITLE in value)
    assert next(e for e in app.expander if e.label == DEEPER_TITLE).metric  # the metrics sit under Go deeper


def test_the_threshold_trades_precision_for_recall(open_page):
    app = open_page(PAGE)
    key = keys.threshold_key(app.selectbox(key=keys.DIGIT).value)
    app.slider(key=key).set_value(0.0).run()
    everything = metrics(app)
    assert everything["Recall"] == "100%" and everything["False alarms"] == "100%"
    assert everything["Flagged (of 1000)"] == "1000"
    assert "100% are caught; 100% of the" in plain_sentence(app)
    app.slider(key=key).set_value(app.slider(key=key).max).run()
    strict = metrics(app)
    assert int(strict["Flagged (of 1000)"]) < 20
    assert strict["Recall"] != "100%"


def test_each_shipped_model_and_inspection_works(open_page):
    app = open_page(PAGE)
    options = app.selectbox(key=keys.DIGIT).options
    assert len(options) >= 3
    aucs = set()
    for option in options:
        app.selectbox(key=keys.DIGIT).set_value(int(option)).run()
        assert not app.exception
        aucs.add(metrics(app)["ROC AUC"])
        assert metrics(app)["ROC AUC"] == f"{shipped_auc(int(option)):.3f}"
    assert len(aucs) == len(options)
    for mode in ("anomalies", "normal", "ranked"):
        app.selectbox(key=keys.INSPECT).set_value(mode).run()
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
    digit = app.selectbox(key=keys.DIGIT).value
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


def test_the_flags_follow_the_threshold(open_page):
    app = open_page(PAGE)
    key = keys.threshold_key(app.selectbox(key=keys.DIGIT).value)

    def flags() -> int:
        return sum(caption.startswith("🚩 ") for image in app.get("image") for caption in image.captions)

    app.slider(key=key).set_value(0.0).run()
    assert flags() == 8  # every reconstruction shown
    app.slider(key=key).set_value(app.slider(key=key).max).run()
    assert flags() < 8
