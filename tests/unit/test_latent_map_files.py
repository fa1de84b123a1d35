"""The latent_map group's files, as the tiny build writes them and as they are shipped."""

from dataclasses import asdict

import numpy as np
import pytest

from explorer.checkpoints.store import PRETRAINED_DIR, PretrainedStore
from explorer.core.data import load_bundled_mnist
from explorer.core.projection import GRID_SIZE, LatentMap, place_codes
from explorer.models.digit_judge import JUDGE_GROUP, REAL_ENOUGH
from explorer.models.inference import embed
from explorer.topics.latent_map.logic import bundled_order, manifold_cells
from explorer.topics.latent_map.measures import empty_cells, mixed_cells, unsure_shares
from explorer.topics.latent_map.shipped import pair_likeness, pair_verdicts

BUNDLED_IMAGES = 5000


def check_group(store: PretrainedStore, methods_at_16: set[str], min_draws: int) -> None:
    info = store.manifest["groups"]["latent_map"]
    assert set(info["pairs"]) == {"16", "2"}
    for k, pair in info["pairs"].items():
        assert set(pair) == {"ae", "vae"}
        ae, vae = (store.model_info(pair[kind]) for kind in ("ae", "vae"))
        assert {key: vae["config"][key] for key in ae["config"]} == ae["config"]  # same layers; the loss differs
        for name in pair.values():
            files = info["files"][name]
            arrays = store.load_arrays(files["codes"])
            codes, random_codes = arrays["codes"], arrays["random_codes"]
            assert codes.shape == (BUNDLED_IMAGES, int(k))
            assert random_codes.shape[0] >= min_draws
            methods = {"latent"} if k == "2" else methods_at_16
            assert set(files["maps"]) == methods
            for method, file in files["maps"].items():
                latent_map = LatentMap.from_arrays(method, store.load_arrays(file))
                assert latent_map.points.shape == (BUNDLED_IMAGES, 2)
                assert latent_map.random_points.shape == (len(random_codes), 2)
                assert latent_map.grid_size >= GRID_SIZE and latent_map.grid_codes.shape[1] == int(k)
                if latent_map.exact:  # exact maps place the data and the draws by the same projection
                    np.testing.assert_allclose(place_codes(latent_map, codes), latent_map.points, atol=1e-3)
                    np.testing.assert_allclose(place_codes(latent_map, random_codes), latent_map.random_points,
                                               atol=1e-3)


def check_plane_scores(store: PretrainedStore) -> None:
    """The manifest's summaries of where the classifier is unsure and where the digit judge calls no decode real,
    recomputed from the shipped arrays."""
    group, judge = store.group("latent_map"), store.group(JUDGE_GROUP)
    labels = bundled_order(load_bundled_mnist())[1]
    for k, method in (("16", "pca"), ("2", "latent")):
        verdicts = pair_verdicts(judge, k, store.load_arrays(judge["latent_map"][k]["file"]))
        likeness = pair_likeness(group, k, store.load_arrays(group["digit_likeness"][k]["file"]), verdicts)
        for kind, name in group["pairs"][k].items():
            plane = LatentMap.from_arrays(method, store.load_arrays(group["files"][name]["maps"][method]))
            found = unsure_shares(likeness.grid(kind), empty_cells(plane), mixed_cells(plane, labels), likeness.unsure)
            assert asdict(found) == pytest.approx(asdict(likeness.planes[kind]))
            assert likeness.plane_images(kind).shape == (len(manifold_cells(plane)), 28, 28)
            assert likeness.grid(kind).shape == verdicts.grid(kind).shape == (len(plane.grid_codes),)
            judged = unsure_shares(verdicts.grid(kind), empty_cells(plane), mixed_cells(plane, labels), REAL_ENOUGH)
            assert asdict(judged) == pytest.approx(asdict(verdicts.planes[kind]))


def test_tiny_build_writes_codes_of_every_image_and_exact_maps(tiny_pretrained):
    store = PretrainedStore(tiny_pretrained)
    check_group(store, {"pca"}, min_draws=40)
    check_plane_scores(store)
    # The codes are the model's own: re-encoding a few images gives them back
    name = store.manifest["groups"]["latent_map"]["pairs"]["16"]["vae"]
    codes = store.load_arrays(store.manifest["groups"]["latent_map"]["files"][name]["codes"])["codes"]
    images, _ = bundled_order(load_bundled_mnist())
    np.testing.assert_allclose(embed(store.load_model(name), images[[0, 4999]]), codes[[0, 4999]], atol=1e-4)


def test_shipped_group_has_every_map_and_at_least_300_draws():
    check_group(PretrainedStore(PRETRAINED_DIR), {"pca", "umap", "tsne"}, min_draws=300)
    check_plane_scores(PretrainedStore(PRETRAINED_DIR))
