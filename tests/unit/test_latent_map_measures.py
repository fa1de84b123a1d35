"""The Latent map page's run-time measurements, its tinted pictures, and the sentences built from them."""

import json

import numpy as np
import plotly.graph_objects as go
import pytest

from explorer.core.projection import latent_plane_map
from explorer.models.digit_judge import JudgeScores
from explorer.models.digit_likeness import DigitLikeness
from explorer.topics.latent_map.figures import latent_map_figure, walk_realism_figure
from explorer.topics.latent_map.measures import (
    SizeDistortion,
    UnsureShares,
    empty_cells,
    gap_multiples,
    group_widths,
    mixed_cells,
    most_exaggerated,
    unsure_shares,
)
from explorer.topics.latent_map.pictures import UNSURE_RED, clearness, tinted, tinted_tiles
from explorer.topics.latent_map.sampling import CodeCloud
from explorer.topics.latent_map.shipped import ARRAYS, VERDICT_ARRAYS, PairVerdicts, pair_likeness, pair_verdicts
from explorer.topics.latent_map.story import plane_story, sampling_story, size_story, walk_story


def two_blobs() -> tuple[np.ndarray, np.ndarray]:
    """Digit 0 around (-5, 0), digit 1 around (5, 0), with a few 1s mixed into the left blob."""
    rng = np.random.default_rng(0)
    points = np.concatenate([rng.normal((-5, 0), 0.5, (200, 2)), rng.normal((5, 0), 0.5, (200, 2))]).astype(np.float32)
    labels = np.repeat([0, 1], 200)
    labels[:30] = 1
    return points, labels


def test_empty_cells_are_those_far_from_every_dot():
    points, _ = two_blobs()
    plane = latent_plane_map(points, points[:1], grid_size=21)
    empty = empty_cells(plane)
    middle = 10 * 21 + 10  # the cell at (0, 0), between the blobs
    assert empty[middle] and not empty[np.argmin(np.linalg.norm(plane.grid_points() - (-5, 0), axis=1))]


def test_mixed_cells_are_where_the_nearest_dots_are_of_several_digits():
    points, labels = two_blobs()
    plane = latent_plane_map(points, points[:1], grid_size=21)
    mixed = mixed_cells(plane, labels)
    near = lambda xy: np.argmin(np.linalg.norm(plane.grid_points() - xy, axis=1))  # noqa: E731
    assert not mixed[near((5, 0))]  # only 1s around
    pure_zeros = labels.copy()
    pure_zeros[:30] = 0
    assert mixed_cells(plane, labels)[near((-5, 0))] != mixed_cells(plane, pure_zeros)[near((-5, 0))]


def test_unsure_shares_split_the_cells_by_place():
    confidences = np.array([0.9, 0.2, 0.9, 0.1, 0.3, 0.8])
    empty = np.array([False, False, False, True, True, True])
    mixed = np.array([False, True, True, False, False, False])
    shares = unsure_shares(confidences, empty, mixed, unsure=0.5)
    assert shares == UnsureShares(among_dots=pytest.approx(1 / 3), in_empty_space=pytest.approx(2 / 3),
                                  mixed_when_unsure=1.0, mixed_when_sure=0.5)


def test_gap_multiples_count_in_the_models_own_spacing():
    codes = np.array([[0.0, 0.0], [10.0, 0.0]], np.float32)
    np.testing.assert_allclose(gap_multiples(np.array([[0.0, 4.0], [13.0, 0.0]], np.float32), codes, 2.0), [2, 1.5])


def test_the_most_exaggerated_pair_is_the_one_whose_ratio_grows_most():
    ring = np.stack([np.cos(np.linspace(0, 2 * np.pi, 8, endpoint=False)),
                     np.sin(np.linspace(0, 2 * np.pi, 8, endpoint=False))], axis=1)
    points = np.concatenate([10 * digit + (digit + 1) * ring for digit in range(10)])  # digit d: radius d + 1
    np.testing.assert_allclose(group_widths(points, np.repeat(np.arange(10), 8)), np.arange(1, 11))
    code_widths = np.array([1.0, 2.0, 1.0, 1, 1, 1, 1, 1, 1, 1])
    map_widths = np.array([3.0, 1.0, 1.0, 1, 1, 1, 1, 1, 1, 1])
    assert most_exaggerated(code_widths, map_widths) == SizeDistortion(0, 1, 3.0, 0.5)


def test_the_tint_is_clear_when_judged_real_and_full_red_at_a_blank_images_realism():
    np.testing.assert_allclose(clearness(np.array([1.3, 1.0, 0.75, 0.5, 0.2])), [1, 1, 0.5, 0, 0])


def test_a_decode_is_drawn_in_white_on_red_as_the_judge_finds_it_less_real():
    images = np.zeros((2, 1, 28, 28), np.float32)
    images[:, 0, 10, 10] = 1.0
    colours = tinted(images, np.array([1.0, 0.0]))
    np.testing.assert_allclose(colours[0, 0, 0], [0, 0, 0])  # sure: the usual black
    np.testing.assert_allclose(colours[1, 0, 0], UNSURE_RED)  # unsure: red
    np.testing.assert_allclose(colours[:, 10, 10], 1.0)  # the ink stays white
    picture = tinted_tiles(images, np.array([1.0, 0.0]), columns=2, gap=2, factor=2)
    assert picture.shape == (56, 116, 3) and picture.dtype == np.uint8


def test_the_shading_lies_under_the_dots_and_takes_no_clicks():
    points, labels = two_blobs()
    plane = latent_plane_map(points, points[:1], grid_size=5)
    confidences = np.linspace(0, 1, 25)
    figure = latent_map_figure(points, labels, plane.grid_points(), shading=confidences)
    shading = figure.data[0]
    assert shading.type == "heatmap" and shading.hoverinfo == "skip"
    np.testing.assert_allclose(np.asarray(shading.z)[1, 0], confidences[5])  # rows go up the map
    go.Figure(figure.to_dict())  # built without validation for speed: it must still pass it


def test_the_walk_chart_has_one_line_per_model_and_named_ends():
    figure = walk_realism_figure({"ae": np.linspace(0, 2, 9), "vae": np.ones(9)}, real_enough=1.0)
    assert [trace.name for trace in figure.data] == ["AE", "VAE"]
    assert figure.layout.yaxis.range[1] > 2 and figure.layout.shapes[0].y0 == 1.0  # the highest step shows
    assert list(figure.data[0].x) == ["A", "1", "2", "3", "4", "5", "6", "7", "B"]
    assert figure.layout.xaxis.type == "category"
    go.Figure(figure.to_dict())


def likeness(mean: float, spread: float, counts: list[int] | None = None) -> DigitLikeness:
    return DigitLikeness(mean, spread, counts or [10] * 10, sum(counts or [10] * 10))


def verdict(share: float, confidence: float = 0.6, images: int = 2000) -> JudgeScores:
    return JudgeScores(realism=0.8, share_real=share, precision=0.7, recall=0.5, fid=100.0,
                       mean_confidence=confidence, images=images)


def verdicts(planes: dict | None = None, walks: dict | None = None) -> PairVerdicts:
    sets = {"ae_normal": verdict(0.005, 0.44), "vae_normal": verdict(0.11, 0.70), "ae_fitted": verdict(0.17),
            "ae_redrawn": verdict(0.28, images=500), "vae_redrawn": verdict(0.38, images=500)}
    return PairVerdicts(sets=sets, real=verdict(0.52, 0.96, 500), planes=planes or {}, walks=walks or {}, arrays={})


def test_the_sampling_stories_quote_the_numbers_they_are_given():
    samples = {"ae_normal": likeness(0.41, 0.6, [60, 0, 0, 30, 10, 0, 0, 0, 0, 0]),
               "vae_normal": likeness(0.72, 0.97), "ae_fitted": likeness(0.77, 0.99)}
    clouds = {"ae": CodeCloud(13.9, 5.04, 12.55), "vae": CodeCloud(0.7, 0.93, 0.01)}
    story = sampling_story(16, verdicts(), samples, clouds, 5.8)
    for number in ("**0.5%**", "**11.0%**", "**17.0%** of the time, more often than the VAE's", "real held-out "
                   "digits: 52%", "beside: 0.44 and 0.70", "**13.9**", "**5.0**", "0.7 from 0", "about 0.9",
                   "within 12.6 of 0", "within 5.8 of 0"):
        assert number in story
    story = sampling_story(2, verdicts(), samples, clouds, 3.0)
    assert "60% of its draws are 0s, as the classifier names them" in story and "28% (AE) and 38% (VAE)" in story


def test_the_plane_walk_and_size_stories_quote_the_numbers_they_are_given():
    shares = {"ae": UnsureShares(0.6, 0.87, 0.83, 0.69), "vae": UnsureShares(0.55, 0.49, 0.85, 0.49)}
    story = plane_story(16, verdicts(shares))
    assert "**87%**" in story and "**49%**" in story and "60% of the AE's" in story
    assert "the AE's empty space holds more" in story and "the VAE's holds no more" in story
    assert "only 52% of the time" in story
    assert "83% of the AE's red cells" in plane_story(2, verdicts(shares))
    walks = {"pairs": 1000, "ae": {"between_real": 0.25, "ends_real": 0.27},
             "vae": {"between_real": 0.34, "ends_real": 0.38}}
    assert "**25%** of the AE's steps" in walk_story(walks) and "(the VAE more often, by 9%;" in walk_story(walks)
    walks["vae"]["between_real"] = 0.28
    assert "(about as often;" in walk_story(walks)
    story = size_story("t-SNE", 16, SizeDistortion(1, 2, 1.24, 0.75))
    assert "1s' group looks 1.2× as spread out as the 2s'" in story and "0.75× as spread out" in story
    assert "distill.pub/2016/misread-tsne" in story


def test_the_shipped_scores_are_read_with_every_array_they_need():
    pair = {"samples": {}, "redrawn_test": {}, "planes": {}, "walks": {}, "file": "x"}
    group = {"digit_likeness": {"unsure_below": 0.5, "real_test": json.loads(json.dumps(likeness(0.9, 1).to_json())),
                                "2": pair}}
    arrays = {name: np.zeros(3) for name in ARRAYS}
    assert pair_likeness(group, "2", arrays, verdicts()).unsure == 0.5
    del arrays["grid_vae"]
    with pytest.raises(KeyError, match="grid_vae"):
        pair_likeness(group, "2", arrays, verdicts())


def test_the_judges_verdicts_are_read_with_every_array_they_need():
    real = json.loads(json.dumps(verdict(0.52).to_json()))
    group = {"ladder": {"real": real}, "pages": {"latent_map_k2": {"ae_normal": real}},
             "latent_map": {"2": {"planes": {}, "walks": {"pairs": 3}, "file": "x"}}}
    arrays = {name: np.ones(3) for name in VERDICT_ARRAYS}
    found = pair_verdicts(group, "2", arrays)
    assert found.real.share_real == 0.52 and found.sets["ae_normal"] == verdict(0.52) and found.walks["pairs"] == 3
    del arrays["realism_ae_fitted"]
    with pytest.raises(KeyError, match="realism_ae_fitted"):
        pair_verdicts(group, "2", arrays)
