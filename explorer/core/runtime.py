"""Where and how torch runs: device choice and seeding."""

from __future__ import annotations

import os
import random

import numpy as np
import torch

DEVICE_ENV = "EXPLORER_DEVICE"
DEVICE_CHOICES = ("cpu", "cuda", "mps")
THREADS_ENV = "EXPLORER_TORCH_THREADS"


class DeviceError(ValueError):
    """The requested device is unknown or not available on this machine."""


def _mps_available() -> bool:
    return bool(getattr(torch.backends, "mps", None)) and torch.backends.mps.is_available()


def pick_device(requested: str | None = None) -> torch.device:
    """`requested`, else $EXPLORER_DEVICE, else CUDA, then MPS, then the CPU."""
    choice = requested if requested is not None else os.environ.get(DEVICE_ENV, "")
    choice = choice.strip().lower()
    if not choice:
        if torch.cuda.is_available():
            return torch.device("cuda")
        return torch.device("mps") if _mps_available() else torch.device("cpu")
    if choice not in DEVICE_CHOICES:
        raise DeviceError(
            f"Unknown device {choice!r} (from {DEVICE_ENV} or the caller). "
            f"Valid choices: {', '.join(DEVICE_CHOICES)}."
        )
    available = {"cpu": True, "cuda": torch.cuda.is_available(), "mps": _mps_available()}
    if not available[choice]:
        usable = [name for name in DEVICE_CHOICES if available[name]]
        raise DeviceError(
            f"Device {choice!r} is not available on this machine. "
            f"Available here: {', '.join(usable)}; valid choices: {', '.join(DEVICE_CHOICES)}."
        )
    return torch.device(choice)


def seed_everything(seed: int) -> torch.Generator:
    """Seed Python, numpy and torch; return a CPU generator for data shuffling."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    return torch.Generator().manual_seed(seed)


def set_app_threads() -> int:
    """Set torch's CPU threads for the app's own work to $EXPLORER_TORCH_THREADS, else 1; returns the count.

    One Streamlit process serves every visitor, and a classroom server is busy. With torch's default of
    a thread per core, the threads of one request spin waiting for each other whenever anything else runs:
    beside one busy process on 2 cores, DDIM-50 for 16 digits took 95 s with 2 threads and 10 s with 1.
    """
    configured = os.environ.get(THREADS_ENV, "").strip()
    try:
        count = int(configured) if configured else 1
    except ValueError:
        count = 0
    if count < 1:
        raise ValueError(f"{THREADS_ENV} must be a whole number of at least 1, not {configured!r}")
    torch.set_num_threads(count)
    return count
