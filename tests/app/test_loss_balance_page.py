import json
import shutil

import pytest

from explorer.checkpoints.store import MANIFEST_NAME, PretrainedStore
from explorer.models.digit_judge import JUDGE_GROUP
from explorer.training.live import RunStatus
from explorer.ui.shared.navigation import next_page, url_name
from tests.app.conftest import image_urls

PAGE = "app_pages/loss_balance.py"


@pytest.fixture(autouse=True)
def tiny_models(tiny_pretrained, monkeypatch):
    monkeypatch.setenv("EXPLORER_PRETRAINED_DIR", str(tiny_pretrained))


def train(app, beta: float, epochs: int = 2):
    app.slider(key="lb_epochs").set_value(epochs)
    app.select_slider(key="lb_beta").set_value(beta).run()
    assert not app.exception, app.exception
    return app.session_state["lb_run"]


def test_opens_with_a_shipped_run_before_anything_trains(open_page):
    app = open_page(PAGE)
    assert "Showing the shipped run, β = 1" in app.info[0].value
    assert len(app.get("vega_lite_chart")) == 3  # loss curves, rate-distortion, KL bars
    rungs = len(PretrainedStore().group(JUDGE_GROUP)["ladder"])  # the digit judge's ladder, one example each
    assert len(image_urls(app)) == 1 + 2 * 3 + rungs  # the test digits, then each of 3 tiny references' two rows
    assert any("reparameterisation trick" in md.value for md in app.markdown)
    assert "lb_run" not in app.session_state


def test_the_page_reads_as_the_anatomy(open_page):
    """Title and question, controls, the β ladder, what to look for, then the details, the next page last."""
    app = open_page(PAGE)
    assert app.title[0].value == "⚖️ Loss balance"
    text = [md.value for md in app.markdown]
    ladder = text.index("β = 0")  # the ladder's first shipped row
    look = next(i for i, value in enumerate(text) if "What to look for" in value)
    deeper = next(i for i, value in enumerate(text) if value.startswith("#### "))
    assert ladder < look < deeper
    assert "Read the ladder downwards, from β = 0 to 8" in text[look]
    assert ":blue-background[**β = 1**]" in text  # the row of the β the slider is on
    assert app.main.get("page_link")[-1].proto.page == url_name(next_page(PAGE).path)  # next_link, last


def test_moving_beta_trains_a_run_to_the_end(open_page):
    app = open_page(PAGE)
    run = train(app, 2.0)
    assert run.status == RunStatus.FINISHED and [view.epoch for view in run.views] == [1, 2]
    assert run.settings.beta == 2.0 and run.model.config.beta == 2.0
    assert "Finished 2 epochs at β = 2" in app.success[0].value
    assert len(app.get("vega_lite_chart")) == 4  # + the latent scatter
    assert len(app.slider) == 1 + 16  # epochs, and one traversal slider per latent dimension
    assert any("KL of each dimension of the code" in md.value for md in app.markdown)
    assert ":orange-background[**β = 2**]" in [md.value for md in app.markdown]  # its row in the ladder
    rungs = len(PretrainedStore().group(JUDGE_GROUP)["ladder"])
    assert len(image_urls(app)) == 1 + 2 * 3 + 2 + 1 + rungs  # the ladder, the run's row, the walk, the judge


def test_a_traversal_slider_changes_the_decode_without_retraining(open_page):
    app = open_page(PAGE)
    run = train(app, 0.5)
    walk = [s for s in app.slider if s.key.startswith("lb_walk_")]
    before = image_urls(app)
    walk[0].set_value(3.5).run()
    assert not app.exception
    assert app.session_state["lb_run"] is run and len(run.views) == 2
    assert image_urls(app) != before


def test_a_failed_run_is_reported_and_the_next_beta_works(open_page, monkeypatch):
    import explorer.training.live as logic
    from explorer.training.fit import NonFiniteLossError

    app = open_page(PAGE)
    real_fit = logic.fit

    def fit_then_nan(model, train_images, test_images, config, *, device, on_epoch):
        real_fit(model, train_images, test_images, logic.TrainConfig(epochs=1, seed=0), device=device,
                 on_epoch=on_epoch)
        raise NonFiniteLossError("the loss became nan in epoch 2")

    monkeypatch.setattr(logic, "fit", fit_then_nan)
    run = train(app, 10.0, epochs=4)
    assert run.status == RunStatus.FAILED and len(run.views) == 1
    assert "failed in epoch 2" in app.error[0].value and "nan" in app.error[0].value
    monkeypatch.setattr(logic, "fit", real_fit)
    run = train(app, 4.0)
    assert run.status == RunStatus.FINISHED and not app.error


def test_runs_belong_to_one_session(open_page):
    student, other_tab = open_page(PAGE), open_page(PAGE)
    train(student, 8.0)
    other_tab.run()
    assert "lb_run" not in other_tab.session_state
    assert "Showing the shipped run" in other_tab.info[0].value
    run = train(other_tab, 0.1)
    assert run is not student.session_state["lb_run"] and student.session_state["lb_run"].settings.beta == 8.0


def test_a_broken_reference_file_is_named_and_training_still_works(open_page, tiny_pretrained, tmp_path,
                                                                  monkeypatch):
    copy = tmp_path / "pretrained"
    shutil.copytree(tiny_pretrained, copy)
    target = copy / "loss_balance" / "lb_beta_1.npz"
    target.write_bytes(target.read_bytes()[:100])
    monkeypatch.setenv("EXPLORER_PRETRAINED_DIR", str(copy))
    app = open_page(PAGE)
    assert "lb_beta_1.npz" in app.error[0].value and "python scripts/train_pretrained.py" in app.error[0].value
    run = train(app, 1.0)
    assert run.status == RunStatus.FINISHED


def test_opening_reads_the_runs_evidence_measured_at_build_time(open_page, never_called):
    """No classifier on the test split when the page opens: measuring a β run raises here, and the ladder is
    scored all the same."""
    import explorer.topics.loss_balance.evidence as evidence

    never_called(evidence, "measure_run")
    app = open_page(PAGE)
    assert not app.exception and not app.error
    assert sum(md.value.endswith("%") for md in app.markdown) == 3  # read right, one per tiny reference run


def test_a_build_without_the_measured_evidence_names_the_rebuild(open_page, tiny_pretrained, tmp_path,
                                                                 monkeypatch):
    from explorer.topics.loss_balance.evidence import SHIPPED_KEY

    copy = tmp_path / "pretrained"
    shutil.copytree(tiny_pretrained, copy)
    manifest = json.loads((copy / MANIFEST_NAME).read_text())
    del manifest["groups"][JUDGE_GROUP][SHIPPED_KEY]
    (copy / MANIFEST_NAME).write_text(json.dumps(manifest))
    monkeypatch.setenv("EXPLORER_PRETRAINED_DIR", str(copy))
    app = open_page(PAGE)
    assert not app.exception
    assert "python scripts/train_pretrained.py --only digit_judge" in app.error[0].value
    assert "Showing the shipped run, β = 1" in app.info[0].value  # the runs' pictures need no evidence


def test_a_data_set_that_cannot_load_falls_back_with_a_notice(open_page, monkeypatch):
    import explorer.ui.loss_balance.loaders as loaders
    from explorer.core.data import LoadResult, load_bundled_mnist

    def offline(name):
        return LoadResult(load_bundled_mnist(), notice=f"Could not load {name} (no network). Using the bundled "
                                                       "MNIST-5k instead.")

    monkeypatch.setattr(loaders, "load_dataset", offline)
    app = open_page(PAGE)
    app.slider(key="lb_epochs").set_value(1)
    app.selectbox(key="lb_dataset").set_value("fashion-mnist").run()
    assert not app.exception
    assert "Could not load fashion-mnist" in app.warning[0].value
    run = app.session_state["lb_run"]
    assert run.status == RunStatus.FINISHED and run.settings.dataset == "fashion-mnist"
    assert any("next run: from scratch" in caption.value for caption in app.caption)  # no warm start off MNIST-5k


def test_the_ladder_is_scored_and_the_words_are_defined(open_page):
    app = open_page(PAGE)
    cells = [md.value for md in app.markdown]
    assert sum(value.endswith("%") for value in cells) == 3  # read right, one per tiny reference run
    judged = [value for value in cells if value.startswith("**") and "%** · 0." in value]
    assert len(judged) == 3  # judged real, the classifier's confidence beside
    assert "share of all" in next(md for md in app.markdown if md.value == "**read right**").help
    assert "digit judge" in next(md for md in app.markdown if md.value == "**judged real**").help
    assert any(md.value.startswith("#### The digit judge") for md in app.markdown)  # its ladder, under Go deeper
    text = " ".join(md.value for md in app.markdown)
    assert "above 0.1 nat" in text and "Burda" in text and "Bernoulli" in text and "*prior*" in text
    assert "nats" in app.select_slider(key="lb_beta").help
