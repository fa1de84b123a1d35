"""Reading shipped weights and arrays, each checked against the manifest that vouches for them.

Weights are safetensors and arrays are .npz read with allow_pickle=False, so
loading a file can never run code. manifest.json lists every shipped file with
its sha256 and size; a file that does not match is refused with a message
naming it and the command that rebuilds it. The build side lives in explorer.checkpoints.writing.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from safetensors.torch import load_file
from torch import nn

from explorer.models import build_model

PRETRAINED_DIR = Path(__file__).resolve().parents[2] / "pretrained"
MANIFEST_NAME = "manifest.json"
REBUILD_COMMAND = "python scripts/train_pretrained.py"
PRETRAINED_ENV = "EXPLORER_PRETRAINED_DIR"  # points the app at another build (tests use this)


def default_pretrained_dir() -> Path:
    configured = os.environ.get(PRETRAINED_ENV)
    return Path(configured) if configured else PRETRAINED_DIR


class PretrainedFileError(RuntimeError):
    """A shipped file is missing, changed or unreadable."""

    def __init__(self, path: Path, problem: str, rebuild: str = REBUILD_COMMAND):
        self.path = path
        self.problem = problem
        self.rebuild = rebuild  # the command that makes the file again
        super().__init__(f"{path}: {problem}. Rebuild it with: {rebuild}")


class MissingGroupError(PretrainedFileError):
    """The manifest lists no such group: that part of pretrained/ was never built (a page may go on without it)."""

    def __init__(self, manifest_path: Path, group: str):
        self.group = group
        super().__init__(manifest_path, f"the manifest has no {group!r} group",
                         rebuild=f"{REBUILD_COMMAND} --only {group}")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class PretrainedStore:
    """Read-only access to a pretrained/ folder, every file checked against the manifest."""

    root: Path | None = None  # None: $EXPLORER_PRETRAINED_DIR, else the shipped pretrained/

    def __post_init__(self):
        self.root = Path(self.root) if self.root is not None else default_pretrained_dir()
        path = self.root / MANIFEST_NAME
        try:
            self.manifest = json.loads(path.read_text())
        except FileNotFoundError:
            raise PretrainedFileError(path, "the manifest is missing") from None
        except (OSError, ValueError) as exc:
            raise PretrainedFileError(path, f"the manifest cannot be read ({exc})") from None
        if not isinstance(self.manifest, dict) or not isinstance(self.manifest.get("files"), dict):
            raise PretrainedFileError(path, "the manifest has no list of files")
        self._verified: set[str] = set()

    def verified_path(self, name: str) -> Path:
        """The path of a listed file after checking its size and sha256 (once per store)."""
        path = self.root / name
        entry = self.manifest["files"].get(name)
        if entry is None:
            raise PretrainedFileError(path, "the manifest does not list this file")
        if name in self._verified:
            return path
        if not path.is_file():
            raise PretrainedFileError(path, "the file is missing")
        size = path.stat().st_size
        if size != entry["bytes"]:
            raise PretrainedFileError(
                path, f"the file has {size} bytes, the manifest says {entry['bytes']} (truncated?)"
            )
        if sha256_of(path) != entry["sha256"]:
            raise PretrainedFileError(path, "the file's sha256 does not match the manifest (corrupt or changed)")
        self._verified.add(name)
        return path

    def group(self, name: str) -> dict:
        """What a group of shipped files recorded in the manifest (its models, curves, arrays): the one way
        pages and scripts read a group."""
        groups = self.manifest.get("groups")
        if not isinstance(groups, dict) or not isinstance(groups.get(name), dict):
            raise MissingGroupError(self.root / MANIFEST_NAME, name)
        return groups[name]

    def measured(self, group: str, key: str):
        """An entry that a group measured when the app was built; a PretrainedFileError naming the group's rebuild
        when this build lacks it."""
        section = self.group(group)
        if key not in section:
            raise PretrainedFileError(self.root / MANIFEST_NAME, f"the {group!r} group has no {key!r}",
                                      rebuild=f"{REBUILD_COMMAND} --only {group}")
        return section[key]

    def model_info(self, name: str) -> dict:
        try:
            return self.manifest["models"][name]
        except KeyError:
            raise PretrainedFileError(self.root / MANIFEST_NAME, f"no model named {name!r}") from None

    def load_model(self, name: str) -> nn.Module:
        """The model in eval mode on the CPU, its weights checked before they are read: an Autoencoder, or one of
        the shipped networks that is not (the diffusion page's U-Net and latent denoiser, the digit classifier,
        the VQ-VAE page's token prior)."""
        info = self.model_info(name)
        path = self.verified_path(info["file"])
        model = build_model(info["family"], info["config"])
        try:
            model.load_state_dict(load_file(str(path)))
        except Exception as exc:  # safetensors raises its own error types for bad headers
            raise PretrainedFileError(path, f"the weights cannot be loaded ({exc})") from None
        return model.eval().requires_grad_(False)

    def load_arrays(self, name: str) -> dict[str, np.ndarray]:
        path = self.verified_path(name)
        try:
            with np.load(path, allow_pickle=False) as archive:
                return {key: archive[key] for key in archive.files}
        except (OSError, ValueError) as exc:
            raise PretrainedFileError(path, f"the arrays cannot be read ({exc})") from None

