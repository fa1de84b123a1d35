"""The Loss-balance page's logic: settings, per-epoch views, live runs that fail or stop, references."""

import os
import sys
import threading
import time
from functools import partial

import numpy as np
import pytest
import torch

from explorer.checkpoints.store import PretrainedStore
from explorer.core.data import load_bundled_mnist
from explorer.core.priority import heavy_nice
from explorer.models.gaussian import dims_by_kl
from explorer.topics.loss_balance.epoch_view import active_dimensions, make_probe, project_2d, view_epoch
from explorer.topics.loss_balance.references import ReferenceRun, read_reference
from explorer.topics.loss_balance.run import live_subset, new_model, warm_start_from
from explorer.topics.loss_balance.settings import REFERENCE_BETAS, RunSettings, nearest_reference, reference_name
from explorer.topics.loss_balance.traversal import traverse
from explorer.training.fit import NonFiniteLossError
from explorer.training.live import LiveRun, RunStatus, train_live


@pytest.fixture(scope="module")
def data():
    digits = load_bundled_mnist()
    return digits.train_images[:512], digits.test_images[:200], digits.test_labels[:200]


def small_run(beta: float = 1.0, epochs: int = 2, latent_dim: int = 4) -> LiveRun:
    settings = RunSettings(beta=beta, latent_dim=latent_dim, epochs=epochs, start="scratch")
    return LiveRun(settings=settings, model=new_model(settings), device="cpu")


def test_settings_refuse_bad_values():
    for bad in (-0.5, float("nan"), float("inf"), "1"):
        with pytest.raises(ValueError, match="β"):
            RunSettings(beta=bad)
    with pytest.raises(ValueError):
        RunSettings(epochs=0)
    with pytest.raises(ValueError, match="start"):
        RunSettings(start="sideways")
    assert RunSettings(start="warm").warm and not RunSettings(start="warm", latent_dim=2).warm


def test_nearest_reference_is_nearest_on_a_log_scale():
    assert nearest_reference(0.0) == 0.0 and nearest_reference(0.01) == 0.0
    assert nearest_reference(0.2) == 0.1 and nearest_reference(0.7) == 0.5
    assert nearest_reference(3.0) == 4.0 and nearest_reference(10.0) == 8.0
    assert all(nearest_reference(beta) == beta for beta in REFERENCE_BETAS)


def test_a_live_run_reports_every_epoch_with_everything_the_page_draws(data):
    train, test, labels = data
    run = small_run(epochs=3)
    probe = make_probe(test, labels, latent_dim=4)
    shown = []
    train_live(run, train, test, partial(view_epoch, probe), on_view=shown.append)
    assert run.status == RunStatus.FINISHED and run.problem is None
    assert [view.epoch for view in run.views] == [1, 2, 3]
    drawn = [view.epoch for view in shown]  # the newest epoch at each redraw: none twice, the last one always
    assert drawn == sorted(set(drawn)) and drawn[-1] == 3
    assert len(run.trained_at) == 3 and [epochs for epochs, _ in run.shown] == drawn
    view = run.last
    assert view.reconstructions.shape == (8, 1, 28, 28) and view.samples.shape == (8, 1, 28, 28)
    assert view.kl_per_dim.shape == (4,) and (view.kl_per_dim >= 0).all()
    assert view.codes_2d.shape == (len(probe.scatter_images), 2)
    assert view.test.total < shown[0].test.total
    assert 0 <= view.active_dims <= 4


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_a_live_run_trains_on_the_gpu_and_hands_back_a_cpu_model(data):
    train, test, labels = data
    settings = RunSettings(latent_dim=4, epochs=2, start="scratch")
    run = LiveRun(settings=settings, model=new_model(settings), device="cuda")
    train_live(run, train, test, partial(view_epoch, make_probe(test, labels, latent_dim=4)), on_view=lambda view: None)
    assert run.status == RunStatus.FINISHED, run.problem
    assert next(run.model.parameters()).device.type == "cpu"  # the traversal decodes on the CPU
    assert [view.epoch for view in run.views] == [1, 2] and run.last.test.total < run.views[0].test.total


def test_a_nan_loss_fails_the_run_but_keeps_what_it_learned(data, monkeypatch):
    import explorer.training.live as logic

    train, test, labels = data
    real_fit = logic.fit

    def fit_then_nan(model, *args, on_epoch, **kwargs):
        real_fit(model, *args[:2], logic.TrainConfig(epochs=1, seed=0), device=kwargs["device"], on_epoch=on_epoch)
        raise NonFiniteLossError("the loss became nan in epoch 2")

    monkeypatch.setattr(logic, "fit", fit_then_nan)
    run = small_run(epochs=5)
    train_live(run, train, test, partial(view_epoch, make_probe(test, labels, 4)), on_view=lambda view: None)
    assert run.status == RunStatus.FAILED and "nan" in run.problem
    assert len(run.views) == 1  # the first epoch's view is kept


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux gives each thread a priority of its own")
def test_a_live_run_trains_at_a_lower_priority_than_the_page_that_watches_it(data):
    train, test, labels = data
    page = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    trainer = []

    def view(model, report):  # called in the training thread after each epoch
        trainer.append((threading.get_native_id(), os.getpriority(os.PRIO_PROCESS, threading.get_native_id())))
        return report.epoch

    train_live(small_run(epochs=1), train, test, view, on_view=lambda shown: None)
    (thread, nice), = trainer
    assert thread != threading.get_native_id() and nice == min(19, page + heavy_nice())
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == page


def test_an_interruption_stops_the_run_and_propagates(data):
    train, test, labels = data

    class Interrupted(BaseException):  # what Streamlit raises into a script when a widget moves
        pass

    def interrupt_after_first(view):
        raise Interrupted

    run = small_run(epochs=6)
    with pytest.raises(Interrupted):
        train_live(run, train, test, partial(view_epoch, make_probe(test, labels, 4)), on_view=interrupt_after_first)
    assert run.status == RunStatus.STOPPED
    assert 1 <= len(run.views) < 6  # the training thread stopped at its next epoch
    weights = [p.detach().clone() for p in run.model.parameters()]
    time.sleep(0.3)  # nothing trains on behind the page's back
    assert all(torch.equal(a, b) for a, b in zip(weights, run.model.parameters(), strict=True))


def test_a_page_rerun_reads_an_interrupted_run_only_once_it_has_stopped(data):
    """Streamlit starts the page's next script run while the interrupted one still stops the training: the next
    run's settled() waits for the status instead of reading "training"."""
    train, test, labels = data

    class Interrupted(BaseException):
        pass

    def interrupt(view):
        raise Interrupted

    run = small_run(epochs=6)
    seen = []

    def interrupted_script_run():
        with pytest.raises(Interrupted):
            train_live(run, train, test, partial(view_epoch, make_probe(test, labels, 4)), on_view=interrupt)

    old = threading.Thread(target=interrupted_script_run)
    old.start()
    while not run.views:  # the next script run starts as soon as the first epoch is shown
        time.sleep(0.001)
    seen.append(run.settled(timeout=60).status)
    old.join()
    assert seen == [RunStatus.STOPPED] and run.ended.is_set()
    never_trained = small_run(epochs=1)  # stopped while waiting for a slot: nothing to wait for
    never_trained.ended = WatchedEvent()
    assert never_trained.settled(timeout=60) is never_trained and never_trained.ended.waits == []


class WatchedEvent(threading.Event):
    """An Event that lists every wait on it."""

    def __init__(self):
        super().__init__()
        self.waits: list[float | None] = []

    def wait(self, timeout: float | None = None) -> bool:
        self.waits.append(timeout)
        return super().wait(timeout)


def test_traversal_moves_the_decode_and_dims_are_ordered_by_kl(data):
    train, test, labels = data
    run = small_run(epochs=1)
    train_live(run, train, test, partial(view_epoch, make_probe(test, labels, 4)), on_view=lambda view: None)
    base = run.last.code_means
    first = dims_by_kl(run.last.kl_per_dim)[0]
    assert run.last.kl_per_dim[first] == run.last.kl_per_dim.max()
    still, moved = traverse(run.model, base, {}), traverse(run.model, base, {first: 3.0})
    assert still.shape == (1, 1, 28, 28) and not np.allclose(still, moved)


def test_active_dimensions_count_those_above_the_threshold():
    assert active_dimensions(np.array([0.0, 0.01, 0.2, 3.0])) == 2


def test_project_2d_keeps_two_codes_and_projects_more():
    rng = np.random.default_rng(0)
    codes = rng.normal(size=(50, 2))
    assert np.array_equal(project_2d(codes), codes)
    wide = rng.normal(size=(50, 6)) * np.array([5, 1, 0.1, 0.1, 0.1, 0.1])
    projected = project_2d(wide)
    assert projected.shape == (50, 2)
    assert projected[:, 0].var() == pytest.approx(wide[:, 0].var(), rel=0.05)  # the widest direction first


def test_the_latent_scatter_does_not_mirror_from_one_epoch_to_the_next():
    """A plain SVD picks each axis's sign arbitrarily, so a slightly changed set of codes (the next epoch)
    could come out mirrored; project_2d fixes the signs as fit_pca does."""
    for seed in range(30):
        rng = np.random.default_rng(seed)
        codes = (rng.standard_normal((300, 8)) * np.linspace(3, 0.5, 8)).astype(np.float32)
        next_epoch = codes + 0.05 * rng.standard_normal(codes.shape).astype(np.float32)
        before, after = project_2d(codes), project_2d(next_epoch)
        for axis in range(2):
            assert np.corrcoef(before[:, axis], after[:, axis])[0, 1] > 0.9, f"seed {seed}: axis {axis} mirrored"


def test_warm_starts_come_from_the_nearest_shipped_run_at_its_k_on_its_data():
    references = [ReferenceRun(beta=beta, name=reference_name(beta), curves={}, reconstructions=np.zeros(1),
                               samples=np.zeros(1), kl_per_dim=np.zeros(16)) for beta in REFERENCE_BETAS]
    assert warm_start_from(RunSettings(beta=3.0), references).name == reference_name(4.0)
    assert warm_start_from(RunSettings(beta=0.0), references).beta == 0.0
    assert warm_start_from(RunSettings(beta=3.0, start="scratch"), references) is None
    assert warm_start_from(RunSettings(beta=3.0, latent_dim=2), references) is None  # other shapes
    assert warm_start_from(RunSettings(beta=3.0, dataset="fashion-mnist"), references) is None  # other data
    assert warm_start_from(RunSettings(beta=3.0), []) is None  # a build without shipped runs
    assert warm_start_from(RunSettings(beta=3.0), references[:3]) is None  # β = 4 is not in this build


def test_live_subset_cuts_big_sets_and_keeps_labels_aligned():
    from dataclasses import replace

    digits = load_bundled_mnist()
    big = replace(digits, train_images=np.concatenate([digits.train_images] * 2),
                  train_labels=np.concatenate([digits.train_labels] * 2))
    cut = live_subset(big)
    assert len(cut.train_images) == 4000 and len(cut.test_images) == len(digits.test_images)
    index = 123
    match = np.flatnonzero((big.train_images == cut.train_images[index]).all(axis=(1, 2, 3)))
    assert big.train_labels[match[0]] == cut.train_labels[index]
    assert live_subset(digits).train_images is digits.train_images  # small enough already: untouched


def test_the_tiny_build_ships_reference_runs_the_page_can_read(tiny_pretrained):
    store = PretrainedStore(tiny_pretrained)
    runs = store.manifest["groups"]["loss_balance"]["runs"]
    assert set(runs) == {"0", "1", "8"}
    for beta, entry in runs.items():
        reference = read_reference(float(beta), entry["model"], store.load_arrays(entry["arrays"]))
        assert reference.reconstructions.shape == (8, 1, 28, 28) and reference.samples.shape == (8, 1, 28, 28)
        assert len(reference.curves["test_loss"]) == 1  # one epoch in a tiny build
        assert reference.rate >= 0 and reference.distortion > 0
        model = store.load_model(entry["model"])
        assert model.config.beta == float(beta) and model.latent_dim == 16
        record = store.manifest["models"][entry["model"]]
        assert record["metrics"]["test_loss"] == pytest.approx(reference.test_loss, rel=1e-5)


def test_running_out_of_memory_fails_the_run_with_a_clear_message(data, monkeypatch):
    import explorer.training.live as logic

    train, test, labels = data

    def out_of_memory(*args, **kwargs):
        raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")

    monkeypatch.setattr(logic, "fit", out_of_memory)
    run = small_run()
    train_live(run, train, test, partial(view_epoch, make_probe(test, labels, 4)), on_view=lambda view: None)
    assert run.status == RunStatus.FAILED and run.problem == "the cpu ran out of memory" and run.views == []
