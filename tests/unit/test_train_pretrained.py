import json
import shutil
import subprocess

import pytest
import torch

import scripts.train_pretrained as script
from explorer.checkpoints.store import PRETRAINED_DIR, PretrainedStore, sha256_of
from explorer.core.data import load_bundled_mnist
from explorer.models import Autoencoder
from explorer.models.inference import reconstruct
from scripts.train_pretrained import main

pytestmark = pytest.mark.slow  # every test here builds pretrained/ groups


def test_tiny_build_writes_a_verified_manifest(tiny_pretrained):
    store = PretrainedStore(tiny_pretrained)
    manifest = store.manifest
    bottleneck = manifest["groups"]["bottleneck"]
    assert set(bottleneck["ae_models"]) == {"4", "16"}
    assert set(bottleneck["pca"]["metrics"]) == {"4", "16"}
    for name, info in manifest["models"].items():
        # The shapes group trains on the shapes made in code; every other group on the bundled digits.
        assert info["dataset"] == ("shapes" if info["group"] == "shapes" else "mnist-5k") and info["seed"] == 0
        model = store.load_model(name)
        if not isinstance(model, Autoencoder):  # the diffusion networks: tests/unit/test_shipped_diffusion.py
            continue
        assert info["metrics"]["test_mse"] > 0 and info["metrics"]["test_bce"] > 0
        assert reconstruct(model, load_bundled_mnist().test_images[:2]).shape == (2, 1, 28, 28)
    for name, entry in manifest["files"].items():
        assert sha256_of(tiny_pretrained / name) == entry["sha256"]
    assert "bottleneck/pca.npz" in manifest["files"]


def test_build_is_deterministic(tiny_pretrained, tmp_path):
    """Also when the process runs torch on another number of threads than it did for the first build."""
    previous = torch.get_num_threads()
    torch.set_num_threads(3 - min(previous, 2))  # 1 <-> 2
    try:
        assert main(["--tiny", "--out", str(tmp_path / "again")]) == 0
    finally:
        torch.set_num_threads(previous)
    first = json.loads((tiny_pretrained / "manifest.json").read_text())["files"]
    second = json.loads((tmp_path / "again" / "manifest.json").read_text())["files"]
    assert first == second


def test_tiny_build_refuses_to_overwrite_the_shipped_models():
    with pytest.raises(SystemExit):
        main(["--tiny", "--out", str(PRETRAINED_DIR)])


@pytest.fixture
def out(tiny_pretrained, tmp_path):
    """A copy of the tiny build for a test to rebuild groups into."""
    copy = tmp_path / "pretrained"
    shutil.copytree(tiny_pretrained, copy)
    return copy


def test_a_failed_group_leaves_the_old_files_whole(tiny_pretrained, out, monkeypatch):
    before = (out / "manifest.json").read_text()

    def broken(ctx):
        (ctx.folder / "half-written.safetensors").write_bytes(b"x")
        raise RuntimeError("boom")

    monkeypatch.setitem(script.GROUPS, "bottleneck", broken)
    with pytest.raises(RuntimeError, match="boom"):
        main(["--tiny", "--out", str(out), "--only", "bottleneck"])
    assert (out / "manifest.json").read_text() == before
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in tiny_pretrained.iterdir())
    PretrainedStore(out).load_model("ae_k4")


def test_rebuilding_one_group_keeps_the_others(out, monkeypatch):
    def other(ctx):
        (ctx.folder / "extra.npz").write_bytes(b"data")
        return {"models": {}, "info": {"file": ctx.relative("extra.npz")}}

    monkeypatch.setitem(script.GROUPS, "other", other)
    main(["--tiny", "--out", str(out), "--only", "other"])
    manifest = PretrainedStore(out).manifest
    assert set(manifest["groups"]) == set(script.GROUPS)  # every registered group, "other" included
    assert "other/extra.npz" in manifest["files"] and "bottleneck/ae_k4.safetensors" in manifest["files"]


def test_a_build_that_finishes_meanwhile_is_kept(out, monkeypatch):
    """Two builds of different groups at once: the later writer keeps what the earlier one wrote."""

    def quick(ctx):
        (ctx.folder / "quick.npz").write_bytes(b"q")
        return {"models": {}, "info": {"file": ctx.relative("quick.npz")}}

    def slow(ctx):
        script.build(out, ["quick"], tiny=True, device=ctx.device)  # another build finishes meanwhile
        (ctx.folder / "slow.npz").write_bytes(b"s")
        return {"models": {}, "info": {"file": ctx.relative("slow.npz")}}

    monkeypatch.setitem(script.GROUPS, "quick", quick)
    monkeypatch.setitem(script.GROUPS, "slow", slow)
    main(["--tiny", "--out", str(out), "--only", "slow"])
    manifest = PretrainedStore(out).manifest
    assert {"quick", "slow", "bottleneck"} <= set(manifest["groups"])
    assert {"quick/quick.npz", "slow/slow.npz"} <= set(manifest["files"])


def test_a_group_is_staged_where_git_ignores_it(out, monkeypatch):
    """A build interrupted mid-group leaves its staging folder behind: it must never be committed."""
    seen = []

    def spy(ctx):
        seen.append(ctx.folder)
        (ctx.folder / "spy.npz").write_bytes(b"s")
        return {"models": {}, "info": {"file": ctx.relative("spy.npz")}}

    monkeypatch.setitem(script.GROUPS, "spy", spy)
    main(["--tiny", "--out", str(out), "--only", "spy"])
    assert seen[0].parent == out / script.STAGING and not (out / script.STAGING).exists()
    in_repo = PRETRAINED_DIR / seen[0].relative_to(out) / "spy.npz"
    ignored = subprocess.run(["git", "check-ignore", "-q", str(in_repo)], cwd=PRETRAINED_DIR.parent)
    assert ignored.returncode == 0, f"git would commit {in_repo}"


def test_measuring_a_group_again_changes_only_the_manifest(tiny_pretrained, out):
    """`--measure` adds to a build that lacks them the counts a build makes, without training anything."""
    manifest_path = out / "manifest.json"
    built = json.loads(manifest_path.read_text())
    lacking = json.loads(manifest_path.read_text())
    del lacking["groups"]["diffusion"]["step_costs"]
    manifest_path.write_text(json.dumps(lacking))
    files = {path: path.read_bytes() for path in out.rglob("*") if path.is_file() and path != manifest_path}
    assert main(["--out", str(out), "--only", "diffusion", "--measure"]) == 0
    assert json.loads(manifest_path.read_text()) == built
    assert files == {path: path.read_bytes() for path in out.rglob("*") if path.is_file() and path != manifest_path}


def test_measuring_needs_groups_that_measure_their_files():
    for argv in (["--measure"], ["--measure", "--only", "bottleneck"]):
        with pytest.raises(SystemExit):
            main(argv)
