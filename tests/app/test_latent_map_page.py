from explorer.topics.latent_map.logic import Selection
from tests.app.conftest import image_urls

PAGE = "app_pages/latent_map.py"


def captions(app) -> list[str]:
    return [caption for image in app.get("image") for caption in image.captions]


def test_opens_with_two_maps_the_controls_and_an_explanation(open_page):
    app = open_page(PAGE)
    assert len(app.get("plotly_chart")) == 2
    assert app.radio(key="latent_k").value == "16"
    assert app.radio(key="latent_projection").value == "pca"
    assert app.toggle(key="latent_show_random").value is True
    assert [s.value for s in app.subheader][:2] == ["Plain autoencoder", "Variational autoencoder (VAE)"]
    assert any("Click a coloured dot" in info.value for info in app.info)
    assert any("The VAE's trick" in md.value for md in app.markdown)
    assert len(image_urls(app)) == 2 + 2 * 9  # the interpolation's ends and its AE and VAE strips


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
    assert sum("The decoded plane" in c for c in captions(app)) == 2


def test_fresh_random_codes_replace_the_shipped_ones_and_can_be_reset(open_page):
    app = open_page(PAGE)
    app.session_state["latent_selection"] = Selection("random", 3, "ae")
    app.run()
    before = image_urls(app)[:2]
    app.button(key="latent_fresh").click().run()
    assert not app.exception
    assert app.session_state["latent_fresh_seed"] is not None
    assert "latent_selection" not in app.session_state  # draw #3 of the old set is gone
    app.session_state["latent_selection"] = Selection("random", 3, "ae")
    app.run()
    assert image_urls(app)[:2] != before
    app.button(key="latent_reset_draws").click().run()
    app.session_state["latent_selection"] = Selection("random", 3, "ae")
    app.run()
    assert image_urls(app)[:2] == before


def test_interpolation_choosers_change_the_strip(open_page):
    app = open_page(PAGE)
    before = image_urls(app)
    app.number_input(key="latent_interp_b").set_value(10).run()
    after = image_urls(app)
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
    assert len(app.get("plotly_chart")) == 2


def test_missing_codes_are_named_and_computed_from_the_model(open_page, pretrained_copy):
    copy = pretrained_copy()
    (copy / "latent_map" / "map_ae_k2_codes.npz").unlink()

    app = open_page(PAGE)
    app.radio(key="latent_k").set_value("2").run()
    assert not app.exception
    assert any("map_ae_k2_codes.npz" in error.value and "missing" in error.value for error in app.error)
    assert len(app.get("plotly_chart")) == 2


def test_a_manifest_without_the_group_is_explained(open_page, tmp_path, monkeypatch):
    (tmp_path / "manifest.json").write_text('{"files": {}, "models": {}, "groups": {}}')
    monkeypatch.setenv("EXPLORER_PRETRAINED_DIR", str(tmp_path))
    app = open_page(PAGE)
    assert "latent_map" in app.error[0].value and "manifest.json" in app.error[0].value


def test_fresh_draws_on_umap_move_the_maps_to_pca_where_they_can_be_placed(open_page):
    app = open_page(PAGE)
    app.radio(key="latent_projection").set_value("umap").run()
    assert not app.exception and len(app.get("plotly_chart")) == 2
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
    assert all('"your digit"' in chart.proto.spec for chart in app.get("plotly_chart"))
    app.radio(key="latent_projection").set_value("tsne").run()
    assert not app.exception
    text = next(md.value for md in app.markdown if "the yellow star" in md.value)
    assert "approximately" in text
    assert all('"your digit"' in chart.proto.spec for chart in app.get("plotly_chart"))
