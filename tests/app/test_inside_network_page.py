from explorer.checkpoints.store import PretrainedStore
from explorer.topics.inside_network.comparison import growth_in_words, read_pair
from explorer.ui.inside_network import keys
from explorer.ui.shared.anatomy import DEEPER_TITLE
from tests.app.conftest import image_urls
from tests.app.own_digit import give_own_digit

PAGE = "app_pages/inside_network.py"
LAYER_IMAGES = 6  # the digit, two encoder and two decoder stacks of maps, the reconstruction
COMPARISON_IMAGES = 5  # the shifted digit and both models' reconstructions, then both first layers


def result_line(app) -> str:
    return next(md.value for md in app.markdown if "through the conv AE** (MSE" in md.value)


def map_captions(app) -> list[str]:
    """The channels each stack of maps shows, from its heading."""
    return [md.value.rsplit("  \n", 1)[1] for md in app.markdown if "  \nchannels " in md.value]


def test_opens_with_the_layers_the_code_and_the_comparison(open_page):
    app = open_page(PAGE)
    assert len(image_urls(app)) == LAYER_IMAGES + COMPARISON_IMAGES
    assert len(app.get("plotly_chart")) == 2  # the code's bars, the error against shift
    assert result_line(app).startswith("**Test digit 7, shifted 0 px right")
    assert "784 pixels → 32 maps of 14 × 14 (6,272 numbers) → 64 maps of 7 × 7 (3,136 numbers)" in result_line(app)
    assert len(map_captions(app)) == 4
    assert not app.subheader and [e.label for e in app.expander if e.label == DEEPER_TITLE] == [DEEPER_TITLE]


def test_the_comparison_says_what_the_shipped_curves_show(open_page):
    app = open_page(PAGE)
    words = growth_in_words(read_pair(PretrainedStore()))
    assert any(md.value.startswith(words) for md in app.markdown)
    text = " ".join(md.value for md in app.markdown)
    assert "**Weight sharing.**" in text and "no shifted digits at all" in text


def test_digit_and_example_choose_the_test_digit(open_page):
    app = open_page(PAGE)
    before = image_urls(app)
    app.selectbox(key=keys.DIGIT).set_value(3).run()
    assert not app.exception and result_line(app).startswith("**Test digit 3")
    after = image_urls(app)
    assert after[0] != before[0]
    app.number_input(key=keys.EXAMPLE).set_value(5).run()
    assert image_urls(app)[0] != after[0]


def test_the_shift_moves_the_digit_through_the_layers(open_page):
    app = open_page(PAGE)
    before = image_urls(app)
    app.select_slider(key=keys.SHIFT).set_value(3).run()
    assert not app.exception and "shifted 3 px right" in result_line(app)
    after = image_urls(app)
    assert all(a != b for a, b in zip(after[:LAYER_IMAGES], before[:LAYER_IMAGES], strict=True))
    assert after[LAYER_IMAGES:] == before[LAYER_IMAGES:]  # the comparison's row already shows every shift


def test_the_student_chooses_which_maps_to_see(open_page):
    app = open_page(PAGE)
    assert not [w for w in app.number_input if w.key == keys.FIRST]  # shown only for "numbered"
    app.selectbox(key=keys.CHANNELS).set_value("numbered").run()
    assert map_captions(app) == ["channels 1, 2, 3, 4"] * 4
    app.number_input(key=keys.FIRST).set_value(31).run()
    assert map_captions(app) == ["channels 31, 32, 1, 2", "channels 31, 32, 33, 34",
                                 "channels 31, 32, 33, 34", "channels 31, 32, 1, 2"]


def test_the_students_own_digit_goes_through_the_layers(open_page):
    app = open_page(PAGE)
    give_own_digit(app)
    assert len(image_urls(app)) == LAYER_IMAGES + COMPARISON_IMAGES + 1 + LAYER_IMAGES  # the widget's own digit too
    line = next(md.value for md in app.markdown if md.value.startswith("**Your digit, shifted 0 px right"))
    assert "the fully connected AE's: 0.0" in line


def test_a_damaged_fully_connected_model_is_named_and_the_layers_still_show(open_page, cut_short):
    cut_short("inside_network/inside_mlp_ae.safetensors", keep=1000)
    app = open_page(PAGE)
    assert "inside_mlp_ae.safetensors" in app.error[0].value
    assert len(image_urls(app)) == LAYER_IMAGES
    app.select_slider(key=keys.SHIFT).set_value(2).run()
    assert not app.exception and "shifted 2 px right" in result_line(app)


def test_a_missing_group_is_named(open_page, manifest_without):
    manifest_without("inside_network")
    app = open_page(PAGE)
    assert "manifest.json" in app.error[0].value and "inside_network" in app.error[0].value


def test_a_damaged_conv_model_is_named(open_page, cut_short):
    cut_short("inside_network/inside_conv_ae.safetensors", keep=1000)
    app = open_page(PAGE)
    message = app.error[0].value
    assert "inside_conv_ae.safetensors" in message and "python scripts/train_pretrained.py" in message
    assert not image_urls(app)


def test_opening_reads_how_the_maps_follow_measured_at_build_time(open_page, never_called):
    """No digits moved through the conv AE to measure it when the page opens: measuring raises here."""
    import explorer.topics.inside_network.following as following

    never_called(following, "encoder_maps")
    app = open_page(PAGE)
    assert not app.exception and not app.error
    summary = following.following_summary(following.shipped_following(PretrainedStore()))
    assert any(summary in md.value for md in app.markdown)


def test_a_build_without_the_measured_following_names_its_rebuild(open_page, shipped_without_entry):
    from explorer.topics.inside_network.following import FOLLOWING_KEY, MEASURES_GROUP

    shipped_without_entry(MEASURES_GROUP, FOLLOWING_KEY)
    app = open_page(PAGE)
    assert not app.exception
    assert f"python scripts/train_pretrained.py --only {MEASURES_GROUP}" in app.error[0].value
