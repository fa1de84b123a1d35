import json

from explorer.topics.latent_map.logic import Selection
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
    return [chart for chart in app.get("plotly_chart") if chart.key in ("latent_chart_ae", "latent_chart_vae")]


def clicked_images(app) -> list[str]:
    """The decodes under 'What you clicked'."""
    return [url for image in app.get("image") if any(" decode of " in c for c in image.captions) for url in image.value]


WALK_IMAGES = 2 + 2 * 9  # the walk's ends and its AE and VAE strips: the page's last images


def test_opens_with_two_maps_the_controls_and_an_explanation(open_page):
    app = open_page(PAGE)
    assert len(maps(app)) == 2
    assert app.radio(key="latent_k").value == "16"
    assert app.radio(key="latent_projection").value == "pca"
    assert app.toggle(key="latent_show_random").value is True
    titles = [s.value for s in app.subheader]
    assert titles.index("Variational autoencoder (VAE)") == titles.index("Plain autoencoder") + 1
    assert any("Click a coloured dot" in info.value for info in app.info)
    assert any("The VAE's trick" in md.value for md in app.markdown)
    # three sample strips and the two decoded PCA planes, then the walk
    assert len(image_urls(app)) == 3 + 2 + WALK_IMAGES


def test_a_clicked_image_shows_the_original_and_both_decodes(open_page):
    app = open_page(PAGE)
    app.session_state["latent_selection"] = Selection("image", 4321)
    app.run()
    assert not app.exception
    labels = app.session_state["latent_selection"]
    assert labels == Selection("image", 4321)  # the choice survives the rerun
    shown = captions(app)
    assert shown[0].startswith("image #4321: a ") and shown[1:3] == ["AE decode", "VAE decode"]


def test_a_random_code_and_an_empty_spot_are_decoded_by_both_models(open_page):
    app = open_page(PAGE)
    app.session_state["latent_selection"] = Selection("random", 3, "ae")
    app.run()
    assert captions(app)[:2] == ["AE decode of random code #3", "VAE decode of random code #3"]
    assert sum("from the nearest real code" in c.value for c in app.caption) == 2
    app.session_state["latent_selection"] = Selection("spot", 0, "vae")
    app.run()
    assert captions(app)[0].startswith("AE decode of the spot")
    assert any("Exact inverse" in md.value for md in app.markdown)


def test_k_2_shows_the_latent_plane_and_its_decoded_manifold(open_page):
    app = open_page(PAGE)
    app.session_state["latent_selection"] = Selection("spot", 5, "ae")
    app.radio(key="latent_k").set_value("2").run()
    assert not app.exception
    assert app.radio(key="latent_projection").value == "latent"
    assert "latent_selection" not in app.session_state  # a spot of another map means nothing here
    assert len(plane_captions(app)) == 2


def test_fresh_random_codes_replace_the_shipped_ones_and_can_be_reset(open_page):
    app = open_page(PAGE)
    app.session_state["latent_selection"] = Selection("random", 3, "ae")
    app.run()
    before = clicked_images(app)
    assert len(before) == 2
    app.button(key="latent_fresh").click().run()
    assert not app.exception
    assert app.session_state["latent_fresh_seed"] is not None
    assert "latent_selection" not in app.session_state  # draw #3 of the old set is gone
    app.session_state["latent_selection"] = Selection("random", 3, "ae")
    app.run()
    assert clicked_images(app) != before
    app.button(key="latent_reset_draws").click().run()
    app.session_state["latent_selection"] = Selection("random", 3, "ae")
    app.run()
    assert clicked_images(app) == before


def test_interpolation_choosers_change_the_strip(open_page):
    app = open_page(PAGE)
    before = image_urls(app)[-WALK_IMAGES:]
    app.number_input(key="latent_interp_b").set_value(10).run()
    after = image_urls(app)[-WALK_IMAGES:]
    assert after[0] == before[0] and after[1] != before[1]  # A kept, B changed
    assert after[2:] != before[2:]


def test_a_corrupt_map_file_is_named_and_pca_is_computed_instead(open_page, pretrained_copy):
    copy = pretrained_copy()
    target = copy / "latent_map" / "map_vae_k16_pca.npz"
    target.write_bytes(target.read_bytes()[:500])

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
    app.radio(key="latent_k").set_value("2").run()
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
    app.radio(key="latent_projection").set_value("umap").run()
    assert not app.exception and len(maps(app)) == 2
    app.button(key="latent_fresh").click().run()
    assert not app.exception
    assert app.radio(key="latent_projection").value == "pca"
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
    app.radio(key="latent_projection").set_value("tsne").run()
    assert not app.exception
    text = next(md.value for md in app.markdown if "the yellow star" in md.value)
    assert "approximately" in text
    assert all('"your digit"' in chart.proto.spec for chart in maps(app))


def shipped_likeness_of(k: str) -> dict:
    from explorer.checkpoints.store import PretrainedStore

    return PretrainedStore().group("latent_map")["digit_likeness"][k]


def test_the_sampling_experiment_opens_the_page_with_the_shipped_scores(open_page):
    app = open_page(PAGE)
    assert app.subheader[0].value == "Can random codes make new digits?"
    for k in ("16", "2"):
        if k == "2":
            app.radio(key="latent_k").set_value("2").run()
        samples = shipped_likeness_of(k)["samples"]
        shown = " ".join(md.value for md in app.markdown)
        for strip in ("ae_normal", "vae_normal", "ae_fitted"):
            assert f"confidence **{samples[strip]['mean_confidence']:.2f}**" in shown
            assert f"spread **{samples[strip]['class_spread']:.2f}**" in shown
        story = next(md.value for md in app.markdown if md.value.startswith("**What the strips show.**"))
        assert f"**{samples['ae_normal']['mean_confidence']:.2f}**" in story
        assert f"**{samples['vae_normal']['mean_confidence']:.2f}**" in story


def test_the_exact_maps_are_shaded_by_the_classifier_and_umap_is_not(open_page):
    def shaded(chart) -> bool:
        return any(trace.get("type") == "heatmap" for trace in json.loads(chart.proto.spec)["data"])

    app = open_page(PAGE)
    assert all(shaded(chart) for chart in maps(app))
    assert any(md.value.startswith("**The red shading**") for md in app.markdown)
    app.radio(key="latent_projection").set_value("umap").run()
    assert not any(shaded(chart) for chart in maps(app))
    assert any("What a UMAP map distorts" in md.value and "distill.pub" in md.value for md in app.markdown)


def test_the_walk_starts_on_a_measured_pair_and_follows_the_suggestions(open_page):
    app = open_page(PAGE)
    offered = shipped_likeness_of("16")["walks"]["offered"]
    assert (app.number_input(key="latent_interp_a").value, app.number_input(key="latent_interp_b").value) == (
        offered[0]["a"], offered[0]["b"])
    assert any(chart.key == "latent_walk_chart" for chart in app.get("plotly_chart"))
    app.selectbox(key="latent_walk_pair_16").select(3).run()
    assert app.number_input(key="latent_interp_a").value == offered[3]["a"]
    app.radio(key="latent_k").set_value("2").run()  # a suggested walk gives way to the new k's own
    first = shipped_likeness_of("2")["walks"]["offered"][0]
    assert (app.number_input(key="latent_interp_a").value, app.number_input(key="latent_interp_b").value) == (
        first["a"], first["b"])
    app.selectbox(key="latent_walk_pair_2").select(1).run()
    app.number_input(key="latent_interp_b").set_value(10).run()
    assert app.selectbox(key="latent_walk_pair_2").value is None  # the suggestion no longer names the walk
    app.radio(key="latent_k").set_value("16").run()  # the student's own walk stays
    assert app.number_input(key="latent_interp_b").value == 10


def test_a_build_without_the_scores_still_shows_the_maps(open_page, pretrained_copy):
    copy = pretrained_copy()
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["groups"]["latent_map"].pop("digit_likeness", None)
    (copy / "manifest.json").write_text(json.dumps(manifest))
    app = open_page(PAGE)
    assert not app.exception
    assert "digit-likeness" in app.error[0].value and "--only latent_map" in app.error[0].value
    assert len(maps(app)) == 2
