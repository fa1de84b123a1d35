import pytest
import torch

from explorer.core.runtime import DEVICE_ENV, THREADS_ENV, DeviceError, pick_device, seed_everything, set_app_threads


def test_cpu_is_always_available():
    assert pick_device("cpu") == torch.device("cpu")


def test_unknown_device_names_the_valid_choices():
    with pytest.raises(DeviceError, match="cpu, cuda, mps"):
        pick_device("tpu")


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
def test_unavailable_device_is_a_clear_error():
    with pytest.raises(DeviceError, match="not available"):
        pick_device("cuda")


def test_environment_variable_chooses(monkeypatch):
    monkeypatch.setenv(DEVICE_ENV, "  CPU ")
    assert pick_device() == torch.device("cpu")
    monkeypatch.setenv(DEVICE_ENV, "gpu")
    with pytest.raises(DeviceError, match=DEVICE_ENV):
        pick_device()


def test_default_prefers_cuda(monkeypatch):
    monkeypatch.delenv(DEVICE_ENV, raising=False)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert pick_device().type == "cuda"


def test_default_falls_back_to_cpu(monkeypatch):
    monkeypatch.delenv(DEVICE_ENV, raising=False)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)
    assert pick_device() == torch.device("cpu")


def test_seeding_repeats_draws():
    seed_everything(3)
    first = torch.randn(4)
    generator = seed_everything(3)
    assert torch.equal(first, torch.randn(4))
    assert torch.equal(torch.randperm(10, generator=generator), torch.randperm(10, generator=seed_everything(3)))


def test_the_app_uses_one_torch_thread_unless_told_otherwise(monkeypatch):
    previous = torch.get_num_threads()
    try:
        monkeypatch.delenv(THREADS_ENV, raising=False)
        assert set_app_threads() == 1 and torch.get_num_threads() == 1
        monkeypatch.setenv(THREADS_ENV, "2")
        assert set_app_threads() == 2 and torch.get_num_threads() == 2
        for bad in ("0", "two", "-1"):
            monkeypatch.setenv(THREADS_ENV, bad)
            with pytest.raises(ValueError, match=THREADS_ENV):
                set_app_threads()
    finally:
        torch.set_num_threads(previous)
