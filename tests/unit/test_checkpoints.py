import json
import shutil

import numpy as np
import pytest
import torch

from explorer.checkpoints.store import (
    MANIFEST_NAME,
    REBUILD_COMMAND,
    MissingGroupError,
    PretrainedFileError,
    PretrainedStore,
)
from explorer.checkpoints.writing import model_record, save_model, write_manifest
from explorer.models import ConvVAE, ConvVAEConfig


@pytest.fixture
def saved(tmp_path):
    torch.manual_seed(0)
    model = ConvVAE(ConvVAEConfig(latent_dim=3, beta=0.5)).eval()
    save_model(model, tmp_path / "vae.safetensors")
    np.savez(tmp_path / "arrays.npz", codes=np.arange(6.0).reshape(2, 3))
    record = model_record(model, file="vae.safetensors", dataset="mnist-5k", seed=0, train={}, metrics={"x": 1})
    write_manifest(tmp_path, {"models": {"vae": record}})
    return tmp_path, model


def test_round_trip_gives_the_same_model(saved):
    root, model = saved
    loaded = PretrainedStore(root).load_model("vae")
    assert loaded.config == model.config
    x = torch.rand(2, 1, 28, 28)
    assert torch.equal(loaded.reconstruct(x), model.reconstruct(x))
    assert not loaded.training


def test_manifest_lists_every_file_with_its_hash(saved):
    root, _ = saved
    manifest = json.loads((root / MANIFEST_NAME).read_text())
    assert set(manifest["files"]) == {"vae.safetensors", "arrays.npz"}
    assert all(len(entry["sha256"]) == 64 for entry in manifest["files"].values())
    assert manifest["models"]["vae"]["config"]["beta"] == 0.5


def test_arrays_round_trip(saved):
    root, _ = saved
    np.testing.assert_array_equal(PretrainedStore(root).load_arrays("arrays.npz")["codes"],
                                  np.arange(6.0).reshape(2, 3))


def _corrupt(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage, problem",
    [
        (_corrupt, "sha256 does not match"),
        (lambda p: p.write_bytes(p.read_bytes()[:100]), "truncated"),
        (lambda p: p.unlink(), "missing"),
    ],
)
def test_a_damaged_file_is_refused_by_name_with_the_rebuild_command(saved, damage, problem):
    root, _ = saved
    damage(root / "vae.safetensors")
    with pytest.raises(PretrainedFileError, match=problem) as caught:
        PretrainedStore(root).load_model("vae")
    assert "vae.safetensors" in str(caught.value)
    assert REBUILD_COMMAND in str(caught.value)


def test_damage_to_one_file_leaves_the_others_usable(saved):
    root, _ = saved
    _corrupt(root / "arrays.npz")
    store = PretrainedStore(root)
    store.load_model("vae")
    with pytest.raises(PretrainedFileError, match="arrays.npz"):
        store.load_arrays("arrays.npz")


def test_missing_or_broken_manifest(tmp_path):
    with pytest.raises(PretrainedFileError, match="manifest is missing"):
        PretrainedStore(tmp_path)
    (tmp_path / MANIFEST_NAME).write_text("{not json")
    with pytest.raises(PretrainedFileError, match="cannot be read"):
        PretrainedStore(tmp_path)


def test_unlisted_file_and_unknown_model(saved):
    root, _ = saved
    shutil.copy(root / "arrays.npz", root / "extra.npz")
    store = PretrainedStore(root)
    with pytest.raises(PretrainedFileError, match="does not list"):
        store.load_arrays("extra.npz")
    with pytest.raises(PretrainedFileError, match="no model named"):
        store.load_model("gan")


def test_pickled_arrays_are_never_loaded(tmp_path):
    np.save(tmp_path / "evil.npy", np.array([{"a": 1}], dtype=object), allow_pickle=True)
    np.savez(tmp_path / "evil.npz", payload=np.array([{"a": 1}], dtype=object))
    write_manifest(tmp_path, {})
    with pytest.raises(PretrainedFileError, match="cannot be read"):
        PretrainedStore(tmp_path).load_arrays("evil.npz")


def test_environment_variable_points_the_store_elsewhere(saved, monkeypatch):
    root, _ = saved
    monkeypatch.setenv("EXPLORER_PRETRAINED_DIR", str(root))
    assert PretrainedStore().model_info("vae") == PretrainedStore(root).model_info("vae")


@pytest.mark.parametrize("groups", [{}, {"diffusion": "not a section"}])
def test_a_manifest_without_a_group_names_the_command_that_builds_it(tmp_path, groups):
    (tmp_path / MANIFEST_NAME).write_text(json.dumps({"files": {}, "models": {}, "groups": groups}))
    with pytest.raises(MissingGroupError, match="--only diffusion") as caught:
        PretrainedStore(tmp_path).group("diffusion")
    assert isinstance(caught.value, PretrainedFileError) and caught.value.path.name == MANIFEST_NAME


def test_an_unknown_model_is_a_pretrained_file_error(saved):
    root, _ = saved
    with pytest.raises(PretrainedFileError, match="no model named 'nothing'"):
        PretrainedStore(root).load_model("nothing")
