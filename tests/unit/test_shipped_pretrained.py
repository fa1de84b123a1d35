"""The shipped pretrained/ folder: every file matches the manifest and the whole stays small."""

from explorer.checkpoints.store import PRETRAINED_DIR, PretrainedStore
from explorer.topics.bottleneck.logic import error_curve

SIZE_LIMIT = 40 * 1024 * 1024  # raised from 30 MB when Inside the network and Sparse codes added 6 MB of models


def test_every_shipped_file_matches_the_manifest():
    store = PretrainedStore(PRETRAINED_DIR)
    for name in store.manifest["files"]:
        assert store.verified_path(name).is_file()
    on_disk = {p.relative_to(PRETRAINED_DIR).as_posix() for p in PRETRAINED_DIR.rglob("*")
               if p.is_file() and p.name != "manifest.json"}
    assert on_disk == set(store.manifest["files"])


def test_shipped_folder_stays_under_40_mb():
    assert sum(p.stat().st_size for p in PRETRAINED_DIR.rglob("*") if p.is_file()) < SIZE_LIMIT


def test_bottleneck_models_cover_every_k_with_metrics():
    store = PretrainedStore(PRETRAINED_DIR)
    curve = error_curve(store)
    assert curve.ks == [2, 4, 8, 16, 32, 64]
    for k in curve.ks:
        model = store.load_model(store.manifest["groups"]["bottleneck"]["ae_models"][str(k)])
        assert model.latent_dim == k
    assert all(m > 0 for m in curve.ae_mse + curve.pca_mse)
