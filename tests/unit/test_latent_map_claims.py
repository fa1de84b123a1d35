"""Every qualitative claim the Latent map page makes about the shipped models, checked against the shipped
build (the manifest's measurements and the shipped codes and maps). A rebuild that changes the story
fails here, and the words in explorer/topics/latent_map/story.py (or the page) must change with it.

Each test names the sentence it guards. EXPLORER_PRETRAINED_DIR points these at another build."""

from dataclasses import asdict
from functools import cache

import numpy as np
import pytest

from explorer.checkpoints.store import PretrainedStore
from explorer.core.data import load_bundled_mnist
from explorer.core.projection import LatentMap
from explorer.models.digit_judge import FAR_SHARE, JUDGE_GROUP, REAL_ENOUGH, JudgeScores, too_close_to_call
from explorer.topics.latent_map.logic import bundled_order, typical_spacing
from explorer.topics.latent_map.measures import (
    empty_cells,
    gap_multiples,
    group_widths,
    mixed_cells,
    most_exaggerated,
    unsure_shares,
)
from explorer.topics.latent_map.sampling import code_cloud, farthest_from_zero
from explorer.topics.latent_map.shipped import PairLikeness, PairVerdicts, pair_likeness, pair_verdicts
from explorer.topics.latent_map.story import WALK_TIE

KS = ("16", "2")


@cache
def store() -> PretrainedStore:
    return PretrainedStore()


def group() -> dict:
    return store().group("latent_map")


@cache
def verdicts(k: str) -> PairVerdicts:
    judge = store().group(JUDGE_GROUP)
    return pair_verdicts(judge, k, store().load_arrays(judge["latent_map"][k]["file"]))


@cache
def likeness(k: str) -> PairLikeness:
    return pair_likeness(group(), k, store().load_arrays(group()["digit_likeness"][k]["file"]), verdicts(k))


def judged(k: str, key: str) -> JudgeScores:
    return verdicts(k).sets[key]


def files(k: str, kind: str) -> dict:
    return group()["files"][group()["pairs"][k][kind]]


@cache
def codes(k: str, kind: str) -> dict[str, np.ndarray]:
    return store().load_arrays(files(k, kind)["codes"])


@cache
def latent_map(k: str, kind: str, method: str) -> LatentMap:
    return LatentMap.from_arrays(method, store().load_arrays(files(k, kind)["maps"][method]))


@cache
def labels() -> np.ndarray:
    return bundled_order(load_bundled_mnist())[1]


EXACT_MAPS = {"16": "pca", "2": "latent"}


def confidence(k: str, strip: str) -> float:
    return likeness(k).samples[strip].mean_confidence


def spread(k: str, strip: str) -> float:
    return likeness(k).samples[strip].class_spread


# --- "What the strips show", k = 16: the digit judge is the measure ---

def test_k16_the_aes_normal_draws_are_almost_never_judged_real():
    """"the digit judge calls 0.5% of the plain autoencoder's decodes real": far below real digits."""
    assert judged("16", "ae_normal").share_real < FAR_SHARE * verdicts("16").real.share_real


@pytest.mark.parametrize("k", KS)
def test_the_vaes_normal_draws_are_judged_real_more_often_than_the_aes(k):
    """At both code sizes (at k = 2 the classifier's confidence could not see it)."""
    ae, vae = judged(k, "ae_normal"), judged(k, "vae_normal")
    assert vae.share_real > ae.share_real and not too_close_to_call(ae, vae)


@pytest.mark.parametrize("k", KS)
def test_draws_fitted_to_the_aes_codes_are_judged_real_more_often_than_the_vaes(k):
    """"judged real ...% of the time, more often than the VAE's"."""
    fitted, vae = judged(k, "ae_fitted"), judged(k, "vae_normal")
    assert fitted.share_real > vae.share_real and not too_close_to_call(fitted, vae)


def test_k2_the_classifiers_confidence_could_not_tell_the_two_models_draws_apart():
    """"the classifier's confidence, beside: 0.66 and 0.68": what the old measure said at k = 2."""
    assert abs(judged("2", "ae_normal").mean_confidence - judged("2", "vae_normal").mean_confidence) < 0.05


# --- "What the strips show", k = 2 ---

def test_k2_the_aes_normal_draws_cover_fewer_digits_than_the_vaes():
    assert spread("2", "vae_normal") >= spread("2", "ae_normal") + 0.1


def test_k2_a_bell_curve_fitted_to_the_aes_codes_reaches_more_digits():
    assert spread("2", "ae_fitted") >= spread("2", "ae_normal") + 0.1


def test_k2_even_the_reconstructions_of_held_out_digits_fall_short_of_real_digits():
    """"Two numbers cannot hold a crisp digit: even the models' reconstructions ... are judged real only"."""
    ceiling = verdicts("2").real.share_real
    for kind in ("ae", "vae"):
        assert judged("2", f"{kind}_redrawn").share_real <= ceiling - 0.1
        assert judged("16", f"{kind}_redrawn").share_real > judged("2", f"{kind}_redrawn").share_real


# --- where the codes are (the strips' story and "The VAE's trick") ---

@pytest.mark.parametrize("k", KS)
def test_the_vaes_codes_are_spread_close_to_normal(k):
    cloud = code_cloud(codes(k, "vae")["codes"])
    assert cloud.centre_from_zero < 1.5 and 0.5 <= cloud.spread <= 1.5


@pytest.mark.parametrize("k", KS)
def test_the_aes_codes_are_not_where_normal_draws_are(k):
    """'gather around a point X away from 0, each number spread about Y, while N(0, I) draws gather around 0
    with a spread of 1': far wider than N(0, I), and centred away from 0."""
    cloud = code_cloud(codes(k, "ae")["codes"])
    assert cloud.spread >= 2 and cloud.centre_from_zero >= 2


def test_k16_the_normal_draws_land_where_the_ae_never_put_a_code():
    """'None of the AE's codes lies within X of 0, and every N(0, I) draw lies within Y of 0'."""
    assert code_cloud(codes("16", "ae")["codes"]).nearest_to_zero > farthest_from_zero(likeness("16").draws("normal"))


def test_the_strips_normal_draws_begin_with_the_maps_crosses():
    for k in KS:
        crosses = codes(k, "ae")["random_codes"]
        np.testing.assert_array_equal(likeness(k).draws("normal")[:len(crosses)], crosses)


# --- the red shading: where the digit judge does not call a decode real ---

def test_k16_the_aes_empty_space_holds_more_decodes_not_judged_real_and_the_vaes_no_more():
    ae, vae = verdicts("16").planes["ae"], verdicts("16").planes["vae"]
    assert ae.in_empty_space >= ae.among_dots + 0.05
    assert vae.in_empty_space < vae.among_dots


@pytest.mark.parametrize("kind", ["ae", "vae"])
def test_k2_the_red_among_the_dots_gathers_where_digits_meet(kind):
    found = verdicts("2").planes[kind]
    assert found.mixed_when_unsure >= found.mixed_when_sure + 0.2


@pytest.mark.parametrize("k", KS)
def test_the_shipped_shading_is_the_judges_realism_of_every_cell(k):
    """The manifest's shares, recomputed from the shipped per-cell realism and the exact maps."""
    for kind in ("ae", "vae"):
        plane = latent_map(k, kind, EXACT_MAPS[k])
        grid = verdicts(k).grid(kind)
        assert grid.shape == (len(plane.grid_codes),)
        found = unsure_shares(grid, empty_cells(plane), mixed_cells(plane, labels()), REAL_ENOUGH)
        assert asdict(found) == pytest.approx(asdict(verdicts(k).planes[kind]))


def test_the_shipped_realism_of_the_strips_gives_their_shares_judged_real():
    for k in KS:
        for key in ("ae_normal", "vae_normal", "ae_fitted"):
            realism = verdicts(k).realism(key)
            assert len(realism) == judged(k, key).images
            assert (realism >= REAL_ENOUGH).mean() == pytest.approx(judged(k, key).share_real)


# --- the straight walk ---

def walk_gap(k: str) -> float:
    walks = verdicts(k).walks
    return walks["vae"]["between_real"] - walks["ae"]["between_real"]


def test_k16_both_models_walks_are_judged_real_about_as_often():
    """walk_story's "about as often" at k = 16."""
    assert abs(walk_gap("16")) < WALK_TIE


def test_k2_the_vaes_walks_are_judged_real_more_often():
    """walk_story's "the VAE more often, by ..." at k = 2."""
    assert walk_gap("2") >= WALK_TIE


@pytest.mark.parametrize("k", KS)
def test_the_suggested_walks_go_both_ways(k):
    offered = verdicts(k).walks["offered"]
    assert any(pair["ae_lowest"] < pair["vae_lowest"] for pair in offered)
    assert any(pair["vae_lowest"] < pair["ae_lowest"] for pair in offered)


# --- distances under a random code's decodes ---

def median_gap(k: str, kind: str, draws: np.ndarray | None = None) -> float:
    """The middle distance of draws (the shipped crosses unless given) from the model's nearest real code,
    in its usual gaps between neighbouring codes."""
    data = codes(k, kind)["codes"]
    return float(np.median(gap_multiples(codes(k, kind)["random_codes"] if draws is None else draws, data,
                                         typical_spacing(data))))


@pytest.mark.parametrize("k", KS)
def test_random_draws_sit_about_as_many_gaps_from_the_data_in_both_models(k):
    assert 0.8 <= median_gap(k, "ae") / median_gap(k, "vae") <= 1.25


# --- what UMAP and t-SNE distort ---

@pytest.mark.parametrize("method", ["umap", "tsne"])
@pytest.mark.parametrize("kind", ["ae", "vae"])
def test_the_maps_change_how_wide_the_digits_groups_look(method, kind):
    distortion = most_exaggerated(group_widths(codes("16", kind)["codes"], labels()),
                                  group_widths(latent_map("16", kind, method).points, labels()))
    assert distortion.on_map / distortion.in_codes >= 1.5


# --- docs/pretrained.md's and docs/pages.md's account of the same measurements ---

def test_the_build_notes_quote_the_shipped_measurements():
    from scripts.app_process import ROOT

    notes = (ROOT / "docs" / "pretrained.md").read_text()
    rows = {line.split("|")[1].strip(): [cell.strip() for cell in line.split("|")[2:4]]
            for line in notes.splitlines() if line.startswith("| ")}
    for row, strip in (("N(0, I) → plain autoencoder", "ae_normal"), ("N(0, I) → VAE", "vae_normal"),
                       ("bell curve fitted to the AE's codes → plain autoencoder", "ae_fitted")):
        assert rows[row] == [f"{confidence(k, strip):.2f} ({spread(k, strip):.2f})" for k in KS]
    made = {k: likeness(k).reconstructed for k in KS}
    assert rows["test digits reconstructed by the AE / the VAE"] == [  # the notes' words, not the page's
        f"{made[k]['ae'].mean_confidence:.2f} / {made[k]['vae'].mean_confidence:.2f}" for k in KS]
    planes, walks = likeness("16").planes, {k: likeness(k).walks for k in KS}
    gaps = {"ae": median_gap("16", "ae"), "vae": median_gap("16", "vae"),
            "fitted": median_gap("16", "ae", likeness("16").draws("fitted"))}
    ae_codes = codes("16", "ae")["codes"]
    umap = most_exaggerated(group_widths(ae_codes, labels()),
                            group_widths(latent_map("16", "ae", "umap").points, labels()))
    assert np.argmin(group_widths(ae_codes, labels())) == umap.wide  # "the tightest group in its codes"
    for quoted in (
        f"real test digits score {likeness('16').real.mean_confidence:.2f}",
        f"{likeness('16').share_unsure('ae_normal'):.0%} of its decodes score below {likeness('16').unsure:.1f}",
        f"unsure of {planes['ae'].in_empty_space:.0%} of the AE's cells in empty space "
        f"({planes['ae'].among_dots:.0%} among the dots)",
        f"of {planes['vae'].in_empty_space:.0%} of the VAE's ({planes['vae'].among_dots:.0%} among the dots)",
        f"({likeness('2').planes['ae'].in_empty_space:.0%} and {likeness('2').planes['vae'].in_empty_space:.0%})",
        f"{walks['16']['ae']['share_dipping']:.0%} of the AE's walks and {walks['16']['vae']['share_dipping']:.0%} "
        f"of the VAE's at k = 16 ({walks['2']['ae']['share_dipping']:.0%} and "
        f"{walks['2']['vae']['share_dipping']:.0%} at k = 2)",
        f"around a point {code_cloud(ae_codes).centre_from_zero:.1f} from 0",
        f"none lies within {code_cloud(ae_codes).nearest_to_zero:.1f} of 0, while every one of the "
        f"{likeness('16').samples['ae_normal'].images:,} N(0, I) draws lies within "
        f"{farthest_from_zero(likeness('16').draws('normal')):.1f} of 0",
        f"a median {gaps['ae']:.1f} (AE) and {gaps['vae']:.1f} (VAE) times the usual gap",
        f"the fitted draws that decode well ({gaps['fitted']:.1f})",
        f"the AE's {umap.wide}s form the tightest group in its codes ({umap.in_codes:.2f} times as spread out as "
        f"the {umap.narrow}s) but look {umap.on_map:.1f} times as spread out as the {umap.narrow}s on its UMAP map",
    ):
        assert " ".join(quoted.split()) in " ".join(notes.split())


# --- the maps' axes and a clicked spot (look_for_text, spot_story) ---


@pytest.mark.parametrize("k", KS)
def test_the_vaes_exact_map_spans_only_a_fraction_of_the_aes(k):
    """'the AE's map runs from X, the VAE's only from Y'."""
    widths = {kind: np.ptp(latent_map(k, kind, EXACT_MAPS[k]).extent.reshape(2, 2), axis=1).max()
              for kind in ("ae", "vae")}
    assert widths["vae"] <= widths["ae"] / 1.5


@pytest.mark.parametrize("k", KS)
def test_the_two_encoders_put_the_same_digit_at_very_different_numbers(k):
    """'the two encoders put the same digit at very different numbers': an image's AE code and its VAE code lie
    many of the VAE's usual gaps apart, for nearly every image."""
    ae, vae = codes(k, "ae")["codes"], codes(k, "vae")["codes"]
    apart = np.linalg.norm(ae - vae, axis=1) / typical_spacing(vae)
    assert np.percentile(apart, 5) >= 10


def test_the_pages_notes_quote_the_pca_maps_axes():
    from explorer.topics.latent_map.story import axes_span
    from scripts.app_process import ROOT

    spans = [axes_span(latent_map("16", kind, "pca").extent) for kind in ("ae", "vae")]
    notes = " ".join((ROOT / "docs" / "pages.md").read_text().split())
    assert f"on the PCA maps at k = 16, from {spans[0]} against {spans[1]}" in notes
