"""Shared fixtures: a tiny pretrained/ build made by the project's own script."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def tiny_pretrained(tmp_path_factory) -> Path:
    """A seconds-long build of pretrained/ (tiny data, one epoch) in a temporary folder."""
    from scripts.train_pretrained import main

    out = tmp_path_factory.mktemp("tiny") / "pretrained"
    assert main(["--tiny", "--out", str(out)]) == 0
    return out
