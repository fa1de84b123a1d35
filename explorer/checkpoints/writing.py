"""Writing shipped files: weights as safetensors, each model's manifest record, and the manifest itself.

Only the build (scripts/train_pretrained.py) writes; the app reads through explorer.checkpoints.store.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from safetensors.torch import save_file

from explorer.checkpoints.store import MANIFEST_NAME, sha256_of
from explorer.models import Autoencoder, config_to_dict


def file_entry(path: Path) -> dict:
    """What the manifest records of one file."""
    return {"sha256": sha256_of(path), "bytes": path.stat().st_size}


def save_model(model: Autoencoder, path: Path, dtype: torch.dtype | None = None) -> None:
    """`dtype` (e.g. float16) stores smaller files; loading casts back to the model's own dtype."""
    # contiguous copies on the CPU: safetensors refuses views and device tensors
    tensors = {name: t.detach().cpu().contiguous() for name, t in model.state_dict().items()}
    if dtype is not None:
        tensors = {name: t.to(dtype) if t.is_floating_point() else t for name, t in tensors.items()}
    save_file(tensors, str(path))


def model_record(model: Autoencoder, *, file: str, dataset: str, seed: int, train: dict, metrics: dict) -> dict:
    """The manifest's entry of one model: everything needed to rebuild and judge it."""
    return {
        "family": model.family,
        "config": config_to_dict(model.config),
        "file": file,
        "dataset": dataset,
        "seed": seed,
        "train": train,
        "metrics": metrics,
    }


def write_manifest(root: Path, manifest: dict) -> dict:
    """Adds the sha256 and size of every file under root (but the manifest) and writes it.

    Files are listed by their path relative to root; hidden folders (builds in progress) are skipped.
    """
    def listed(path: Path) -> bool:
        hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
        return path.is_file() and path.name != MANIFEST_NAME and not hidden

    files = sorted(p for p in root.rglob("*") if listed(p))
    manifest = dict(manifest, files={p.relative_to(root).as_posix(): file_entry(p) for p in files})
    (root / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest
