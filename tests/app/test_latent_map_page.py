import json
import re

from explorer.checkpoints.store import PretrainedStore
from explorer.models.digit_judge import JUDGE_GROUP
from explorer.topics.latent_map.logic import Selection, SelectionKind
from explorer.ui.latent_map import keys
from explorer.ui.shared.anatomy import DEEPER_TITLE
from tests.app.conftest import image_urls

PAGE = "app_pages/latent_map.py"


def captions(app) -> list[str]:
    """The captions of the digits shown (the sample strips have none, the decoded planes are left out)."""
    return [caption for image in app.get("image") for caption in image.captions
            if caption and not caption.startswith("The decoded plane")]


def plane_captions(app) -> list[str]:
    return [caption for image in app.get("image") for caption in image.captions
            if caption.startswith("The decoded plane")]


def maps(app) -> list:
    return [chart for chart in app.get("plotly_chart") if chart.key in (keys.chart_key("ae"), keys.chart_key("vae"))]


def clicked_images(app) -> list[str]:
    """The decodes beside the maps: what the last click on a random code or a spot decodes."""
    return [url for image in app.get("image") if any(c.endswith(" decode") for c in image.captions)
            for url in image.value]


WALK_IMAGES = 2 + 2 * 9  # the walk's ends and its AE and VAE strips


def walk_images(app) -> list[str]:
    """The walk's pictures, from its end A on."""
    images = list(app.get("image"))
    start = next(i for i, image in enumerate(images) if any(c.startswith("A: #") for c in image.captions))
    return [url for image in images[start:start + WALK_IMAGES] for url in image.value]


def walk_ends(app) -> tuple[int, int]:
    return app.session_state[keys.WALK_A], app.session_state[keys.WALK_B]


def shown_text(app) -> str:
    return " ".join(md.value for md in app.markdown)


def test_opens_with_two_maps_the_controls_and_random_codes_under_go_deeper(open_page):
    app = open_page(PAGE)
    assert len(maps(app)) == 2
    assert app.radio(key=keys.K).value == "16"
    assert app.radio(key=keys.METHOD).value == "pca"
    assert app.toggle(key=keys.SHOW_RANDOM).value is True
    text = shown_text(app)
    assert text.index("**Plain autoencoder (AE)**") < text.index("**Variational autoencoder (VAE)**")
    assert any("Click a coloured dot" in info.value for info in app.info)
    assert "The VAE's trick" in text
    deeper = next(e for e in app.expander if e.label == DEEPER_TITLE)
    assert "Can random codes make new digits?" in [s.value for s in deeper.subheader]
    assert not [chart for chart in app.get("plotly_chart") if '"showlegend":true' in chart.proto.spec]
    # the walk's ends and steps, then (under Go deeper) the three sample strips, the two decoded PCA planes and
    # one example of each rung of the digit judge's ladder
    rungs = len(PretrainedStore().group(JUDGE_GROUP)["ladder"])
    assert len(image_urls(app)) == WALK_IMAGES + 3 + 2 + rungs


def test_the_maps_say_how_far_their_axes_reach(open_page):
    from explorer.checkpoints.store import PretrainedStore
    from explorer.core.projection import LatentMap
    from explorer.topics.latent_map.story import axes_span

    store = PretrainedStore()
    group = store.group("latent_map")
    app = open_page(PAGE)
    for kind in ("ae", "vae"):
        files = group["files"][group["pairs"]["16"][kind]]
        extent = LatentMap.from_arrays("pca", store.load_arrays(files["maps"]["pca"])).extent
        assert f"axes from {axes_span(extent)}" in shown_text(app)
    assert "Mind the axes" in shown_text(app)
    app.radio(key=keys.METHOD).set_value("umap").run()
    assert "UMAP: axes without a unit" in shown_text(app) and "Mind the axes" not in shown_text(app)


def test_a_clicked_image_shows_the_original_and_both_reconstructions(open_page):
    app = open_page(PAGE)
    app.session_state[keys.SELECTION] = Selection(SelectionKind.IMAGE, 4321)
    app.run()
    assert not app.exception
    assert app.session_state[keys.SELECTION] == Selection(SelectionKind.IMAGE, 4321)  # the choice survives the rerun
    assert captions(app)[:3] == ["image", "AE", "VAE"]
    assert "**Image #4321, a " in shown_text(app) and "its reconstructions" in shown_text(app)


def test_a_random_code_goes_to_both_models_and_a_spot_to_its_own_map_s_model_only(open_page):
    app = open_page(PAGE)
    app.session_state[keys.SELECTION] = Selection(SelectionKind.RANDOM, 3, "ae")
    app.run()
    assert captions(app)[:2] == ["AE decode", "VAE decode"]
    assert "**Random code #3**" in shown_text(app)
    for kind in ("AE", "VAE"):  # the digit judge's verdict, the classifier's confidence beside
        assert re.search(rf"\*\*{kind}\*\*: \*\*(not )?judged real\*\* \(realism \d\.\d\d; the classifier's "
                         r"confidence \d\.\d\d\)", shown_text(app))
    app.session_state[keys.SELECTION] = Selection(SelectionKind.SPOT, 0, "vae")
    app.run()
    assert captions(app)[0] == "VAE decode" and "AE decode" not in captions(app)
    text = shown_text(app)
    assert "**A spot on the VAE's map**" in text and "Only the VAE decodes it" in text and "Exact inverse" in text
    assert "(" not in text.split("**A spot on the VAE's map**")[1].split(".")[0]  # named by the map, not by (x, y)


def test_k_2_shows_the_latent_plane_and_its_decoded_manifold(open_page):
    app = open_page(PAGE)
    app.session_state[keys.SELECTION] = Selection(SelectionKind.SPOT, 5, "ae")
    app.radio(key=keys.K).set_value("2").run()
    assert not app.exception
    assert app.radio(key=keys.METHOD).value == "latent"
    assert keys.SELECTION not in app.session_state  # a spot of another map means nothing here
    assert len(plane_captions(app)) == 2


def test_fresh_random_codes_replace_the_shipped_ones_and_can_be_reset(open_page):
    app = open_page(PAGE)
    app.session_state[keys.SELECTION] = Selection(SelectionKind.RANDOM, 3, "ae")
    app.run()
    before = clicked_images(app)
    assert len(before) == 2
    app.button(key=keys.NEW_DRAWS).click().run()
    assert not app.exception
    assert app.session_state[keys.FRESH_SEED] is not None
    assert keys.SELECTION not in app.session_state  # draw #3 of the old set is gone
    app.session_state[keys.SELECTION] = Selection(SelectionKind.RANDOM, 3, "ae")
    app.run()
    assert clicked_images(app) != before
    app.button(key=keys.SHIPPED_DRAWS).click().run()
    app.session_state[keys.SELECTION] = Selection(SelectionKind.RANDOM, 3, "ae")
    app.run()
    assert clicked_images(app) == before


def test_two_clicked_dots_become_the_walk_s_ends(open_page):
    app = open_page(PAGE)
    before = walk_images(app)
    first_b = walk_ends(app)[1]
    app.session_state[keys.SELECTION] = Selection(SelectionKind.IMAGE, 10)
    app.run()
    assert walk_ends(app) == (first_b, 10)  # B moves to the dot, A to the B before
    app.session_state[keys.SELECTION] = Selection(SelectionKind.IMAGE, 20)
    app.run()
    assert walk_ends(app) == (10, 20)
    after = walk_images(app)
    assert after != before and any(c == "A: #10" for image in app.get("image") for c in image.captions)
    app.run()  # the same click, read again: the walk stays
    assert walk_ends(app) == (10, 20)
    app.session_state[keys.SELECTION] = Selection(SelectionKind.RANDOM, 2, "ae")
    app.run()
    assert walk_ends(app) == (10, 20)  # only dots move the walk


def test_a_corrupt_map_file_is_named_and_pca_is_computed_instead(open_page, cut_short):
    cut_short("latent_map/map_vae_k16_pca.npz", keep=500)

    app = open_page(PAGE)
    assert not app.exception
    message = app.error[0].value
    assert "map_vae_k16_pca.npz" in message and "python scripts/train_pretrained.py" in message
    assert any("computed here by PCA" in info.value for info in app.info)
    assert len(maps(app)) == 2


def test_missing_codes_are_named_and_computed_from_the_model(open_page, pretrained_copy):
    copy = pretrained_copy()
    (copy / "latent_map" / "map_ae_k2_codes.npz").unlink()

    app = open_page(PAGE)
    app.radio(key=keys.K).set_value("2").run()
    assert not app.exception
    assert any("map_ae_k2_codes.npz" in error.value and "missing" in error.value for error in app.error)
    assert len(maps(app)) == 2


def test_a_manifest_without_the_group_is_explained(open_page, tmp_path, monkeypatch):
    (tmp_path / "manifest.json").write_text('{"files": {}, "models": {}, "groups": {}}')
    monkeypatch.setenv("EXPLORER_PRETRAINED_DIR", str(tmp_path))
    app = open_page(PAGE)
    assert "latent_map" in app.error[0].value and "manifest.json" in app.error[0].value


def test_fresh_draws_on_umap_move_the_maps_to_pca_where_they_can_be_placed(open_page):
    app = open_page(PAGE)
    app.radio(key=keys.METHOD).set_value("umap").run()
    assert not app.exception and len(maps(app)) == 2
    app.button(key=keys.NEW_DRAWS).click().run()
    assert not app.exception
    assert app.radio(key=keys.METHOD).value == "pca"
    assert any("switched to PCA" in info.value for info in app.info)


def test_the_students_own_digit_lands_on_both_maps(open_page):
    from explorer.core.data import load_bundled_mnist
    from tests.app.own_digit import give_own_digit

    app = open_page(PAGE)
    give_own_digit(app, index=3)  # a real test digit: its own code is among the shipped ones
    assert any(header.value == "Where does your digit land?" for header in app.subheader)
    label = int(load_bundled_mnist().test_labels[3])
    text = next(md.value for md in app.markdown if "the yellow star" in md.value)
    assert text.count(f"looks like a **{label}**") == 2 and "exactly" in text
    assert all('"your digit"' in chart.proto.spec for chart in maps(app))
    app.radio(key=keys.METHOD).set_value("tsne").run()
    assert not app.exception
    text = next(md.value for md in app.markdown if "the yellow star" in md.value)
    assert "approximately" in text
    assert all('"your digit"' in chart.proto.spec for chart in maps(app))


def shipped_likeness_of(k: str) -> dict:
    from explorer.checkpoints.store import PretrainedStore

    return PretrainedStore().group("latent_map")["digit_likeness"][k]


def shipped_verdicts_of(k: str) -> dict:
    return PretrainedStore().group(JUDGE_GROUP)["latent_map"][k]


def test_the_sampling_experiment_opens_the_page_with_the_shipped_scores(open_page):
    app = open_page(PAGE)
    assert "Can random codes make new digits?" in [s.value for s in app.subheader]
    for k in ("16", "2"):
        if k == "2":
            app.radio(key=keys.K).set_value("2").run()
        samples = shipped_likeness_of(k)["samples"]
        verdicts = PretrainedStore().group(JUDGE_GROUP)["pages"][f"latent_map_k{k}"]
        shown = " ".join(md.value for md in app.markdown)
        for strip in ("ae_normal", "vae_normal", "ae_fitted"):
            assert f"judged real **{verdicts[strip]['share_real']:.1%}**" in shown
            assert f"confidence {samples[strip]['mean_confidence']:.2f}" in shown
            assert f"spread {samples[strip]['class_spread']:.2f}" in shown
        story = next(md.value for md in app.markdown if md.value.startswith("**What the strips show.**"))
        assert f"**{verdicts['ae_normal']['share_real']:.1%}**" in story
        assert f"**{verdicts['vae_normal']['share_real']:.1%}**" in story
        assert f"beside: {verdicts['ae_normal']['mean_confidence']:.2f}" in story


def test_the_exact_maps_are_shaded_by_the_digit_judge_and_umap_is_not(open_page):
    def shaded(chart) -> bool:
        return any(trace.get("type") == "heatmap" for trace in json.loads(chart.proto.spec)["data"])

    app = open_page(PAGE)
    assert all(shaded(chart) for chart in maps(app))
    assert any(md.value.startswith("**The red shading**") for md in app.markdown)
    app.radio(key=keys.METHOD).set_value("umap").run()
    assert not any(shaded(chart) for chart in maps(app))
    assert any("What a UMAP map distorts" in md.value and "distill.pub" in md.value for md in app.markdown)


def test_the_walk_starts_on_a_measured_pair_and_follows_the_suggestions(open_page):
    app = open_page(PAGE)
    offered = shipped_verdicts_of("16")["walks"]["offered"]
    assert walk_ends(app) == (offered[0]["a"], offered[0]["b"])
    assert any(chart.key == keys.WALK_CHART for chart in app.get("plotly_chart"))
    app.selectbox(key=keys.walk_choice_key("16")).select(3).run()
    assert walk_ends(app) == (offered[3]["a"], offered[3]["b"])
    app.radio(key=keys.K).set_value("2").run()  # a suggested walk gives way to the new k's own
    first = shipped_verdicts_of("2")["walks"]["offered"][0]
    assert walk_ends(app) == (first["a"], first["b"])
    app.selectbox(key=keys.walk_choice_key("2")).select(1).run()
    app.session_state[keys.SELECTION] = Selection(SelectionKind.IMAGE, 10)
    app.run()
    assert app.selectbox(key=keys.walk_choice_key("2")).value is None  # the suggestion no longer names the walk
    app.radio(key=keys.K).set_value("16").run()  # the student's own walk stays
    assert walk_ends(app)[1] == 10


def test_a_build_without_the_scores_still_shows_the_maps(open_page, pretrained_copy):
    copy = pretrained_copy()
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["groups"]["latent_map"].pop("digit_likeness", None)
    (copy / "manifest.json").write_text(json.dumps(manifest))
    app = open_page(PAGE)
    assert not app.exception
    assert "digit-likeness" in app.error[0].value and "--only latent_map" in app.error[0].value
    assert len(maps(app)) == 2
