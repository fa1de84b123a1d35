import json

import pytest

from explorer.checkpoints import PRETRAINED_DIR, PretrainedStore, sha256_of
from explorer.data import load_bundled_mnist
from explorer.inference import reconstruct
from scripts.train_pretrained import main


def test_tiny_build_writes_a_verified_manifest(tiny_pretrained):
    store = PretrainedStore(tiny_pretrained)
    manifest = store.manifest
    assert set(manifest["bottleneck"]["ae_models"]) == {"4", "16"}
    for name, info in manifest["models"].items():
        assert info["dataset"] == "mnist-5k" and info["seed"] == 0
        assert info["metrics"]["test_mse"] > 0 and info["metrics"]["test_bce"] > 0
        model = store.load_model(name)
        assert reconstruct(model, load_bundled_mnist().test_images[:2]).shape == (2, 1, 28, 28)
    for name, entry in manifest["files"].items():
        assert sha256_of(tiny_pretrained / name) == entry["sha256"]
    assert set(manifest["pca"]["metrics"]) == {"4", "16"}


def test_build_is_deterministic(tiny_pretrained, tmp_path):
    assert main(["--tiny", "--out", str(tmp_path / "again")]) == 0
    first = json.loads((tiny_pretrained / "manifest.json").read_text())["files"]
    second = json.loads((tmp_path / "again" / "manifest.json").read_text())["files"]
    assert first == second


def test_tiny_build_refuses_to_overwrite_the_shipped_models():
    with pytest.raises(SystemExit):
        main(["--tiny", "--out", str(PRETRAINED_DIR)])


def test_a_failed_build_leaves_the_old_folder_whole(tmp_path, monkeypatch):
    import scripts.train_pretrained as script

    out = tmp_path / "pretrained"
    out.mkdir()
    (out / "keep.txt").write_text("old")

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(script, "build", broken)
    with pytest.raises(RuntimeError, match="boom"):
        main(["--tiny", "--out", str(out)])
    assert (out / "keep.txt").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["pretrained"]
