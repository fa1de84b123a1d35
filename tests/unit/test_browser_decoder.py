"""The Latent map's live decode runs the shipped decoders and the digit judge in the browser
(explorer/ui/latent_map/decoder_component/forward.js): under Node, on 100 codes per model under each exact map, it
must give the server's pictures (PyTorch, the shipped float32 weights) to within 1e-3 per pixel, the classifier's
digit, the judge's realism and the nearest real code."""

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from explorer.checkpoints.store import PretrainedStore
from explorer.core.data import load_bundled_mnist
from explorer.core.neighbours import nearest
from explorer.core.packed_arrays import pack_arrays, unpack_arrays
from explorer.core.projection import LatentMap
from explorer.core.realism import realism_scores
from explorer.models.digit_judge import REAL_ENOUGH, DigitJudge, features_and_probabilities, reference_split
from explorer.models.inference import decode
from explorer.topics.latent_map.browser import packed_decoders, packed_judge
from explorer.topics.latent_map.logic import KINDS, bundled_order

ROOT = Path(__file__).resolve().parents[2]
FORWARD = ROOT / "explorer/ui/latent_map/decoder_component/forward.js"
RUNNER = Path(__file__).with_name("browser_forward.js")
CODES_PER_MODEL = 100
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed (Debian's nodejs)")


@pytest.fixture(scope="module")
def store():
    return PretrainedStore()


@pytest.fixture(scope="module")
def judge(store):
    classifier = store.load_model(store.group("diffusion")["classifier"])
    return classifier, DigitJudge(classifier, reference_split(load_bundled_mnist().test_images)[0])


def under_the_map(store, name: str, k: str) -> np.ndarray:
    """100 codes the cursor can reach: evenly spread cells of the model's exact map, corners included."""
    method = "latent" if k == "2" else "pca"
    file = store.group("latent_map")["files"][name]["maps"][method]
    latent_map = LatentMap.from_arrays(method, store.load_arrays(file))
    cells = np.linspace(0, len(latent_map.grid_codes) - 1, CODES_PER_MODEL).round().astype(int)
    return latent_map.grid_codes[cells]


def test_packed_arrays_round_trip():
    arrays = {"a": np.arange(6, dtype=np.float32).reshape(2, 3) / 7, "b": np.array([1.0, -2.5])}
    back = unpack_arrays(pack_arrays(arrays, full=frozenset({"a"})))
    assert np.array_equal(back["a"], arrays["a"]) and np.array_equal(back["b"], arrays["b"])


@pytest.mark.parametrize("k", ["2", "16"])
def test_the_browser_decodes_and_judges_as_the_server_does(store, judge, k, tmp_path):
    pair = store.group("latent_map")["pairs"][k]
    models = {kind: store.load_model(pair[kind]) for kind in KINDS}
    real = {kind: store.load_arrays(store.group("latent_map")["files"][pair[kind]]["codes"])["codes"] for kind in KINDS}
    codes = {kind: under_the_map(store, pair[kind], k) for kind in KINDS}
    (tmp_path / "decoders.bin").write_bytes(packed_decoders(models, real, bundled_order(load_bundled_mnist())[1]))
    (tmp_path / "judge.bin").write_bytes(packed_judge(*judge))
    (tmp_path / "codes.json").write_text(json.dumps({kind: codes[kind].tolist() for kind in KINDS}))
    subprocess.run([NODE, str(RUNNER), str(FORWARD), *(str(tmp_path / name) for name in
                    ("decoders.bin", "judge.bin", "codes.json", "out.json"))], check=True, timeout=120)
    out = json.loads((tmp_path / "out.json").read_text())
    classifier, digit_judge = judge
    for kind in KINDS:
        server = decode(models[kind], codes[kind]).reshape(CODES_PER_MODEL, -1)
        browser = np.array(out[kind])
        assert np.abs(browser - server).max() <= 1e-3, kind

        features, probabilities = features_and_probabilities(classifier, server)
        realism = realism_scores(digit_judge.reference, digit_judge.radii, features)
        digit, confidence, browser_realism = np.array(out["judge"][kind]).T
        assert np.array_equal(digit, probabilities.argmax(1)), kind
        assert np.abs(confidence - probabilities.max(1)).max() <= 1e-2, kind
        assert np.abs(browser_realism / realism - 1).max() <= 1e-2, kind  # float16 features, pixels within 1e-3
        clear = np.abs(realism / REAL_ENOUGH - 1) > 1e-2
        assert np.array_equal((browser_realism >= REAL_ENOUGH)[clear], (realism >= REAL_ENOUGH)[clear]), kind

        distances, _ = nearest(real[kind], codes[kind], 1)
        browser_distance = np.array(out["nearest"][kind])[:, 1]
        assert np.abs(browser_distance - distances[:, 0]).max() <= 1e-2 * distances.max(), kind  # float16 codes
