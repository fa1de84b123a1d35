import numpy as np

from explorer.checkpoints.store import PRETRAINED_DIR, PretrainedStore
from explorer.ui.vqvae import keys
from tests.app.conftest import image_urls
from tests.app.own_digit import give_own_digit

PAGE = "app_pages/vqvae.py"


def grid_state(app):
    return app.session_state[keys.STATE]


def decode_url(app) -> str:
    """The decode of the grid: the second picture of the main row."""
    return image_urls(app)[1]


def shipped_dead_codes() -> list[int]:
    store = PretrainedStore(PRETRAINED_DIR)
    return store.group("vqvae")["metrics"]["dead_code_indices"]


def test_opens_with_the_grid_the_digit_its_decode_and_the_selected_cell(open_page):
    app = open_page(PAGE)
    state = grid_state(app)
    assert state.grid.shape == (7, 7) and not state.changed.any()
    assert app.number_input(key=keys.CELL_CODE).value == state.code
    charts = [chart.proto.id for chart in app.get("plotly_chart")]
    assert len(charts) >= 6  # grid, vector, distances; usage, codebook map, bits
    text = " ".join(md.value for md in app.markdown)
    assert "**token**, or **code index**" in text  # the words, defined once
    assert f"Row {state.cell[0]}, column {state.cell[1]}." in text
    assert "to its nearest training digit is **0." in text  # the prior's second measure, worked out at run time
    assert any("decode of the grid" in caption for image in app.get("image") for caption in image.captions)
    assert not app.error


def test_editing_a_cell_decodes_the_new_grid(open_page):
    app = open_page(PAGE)
    before, state = decode_url(app), grid_state(app)
    new_code = (state.code + 7) % 64
    app.number_input(key=keys.CELL_CODE).set_value(new_code).run()
    assert not app.exception
    after = grid_state(app)
    assert after.grid[after.cell] == new_code and after.changed.sum() == 1
    assert decode_url(app) != before
    assert any("**1 of 49 edited**" in caption.value for caption in app.caption)


def test_swap_randomise_and_undo(open_page):
    app = open_page(PAGE)
    state = grid_state(app)
    a = state.code
    uses = int((state.grid == a).sum())
    app.number_input(key=keys.SWAP_A).set_value(a).run()
    app.number_input(key=keys.SWAP_B).set_value((a + 1) % 64).run()
    app.button(key=keys.SWAP).click().run()
    assert not (grid_state(app).grid == a).any() and grid_state(app).changed.sum() == uses
    app.button(key=keys.RANDOMISE).click().run()
    randomised = grid_state(app).grid
    assert grid_state(app).changed.sum() > 40
    app.button(key=keys.RANDOMISE).click().run()
    assert not np.array_equal(grid_state(app).grid, randomised)
    assert app.number_input(key=keys.CELL_CODE).value == grid_state(app).code  # the input follows the grid
    app.button(key=keys.RESET).click().run()
    assert not grid_state(app).changed.any()
    assert not app.exception


def test_every_code_index_decodes_dead_ones_included(open_page):
    app = open_page(PAGE)
    dead = shipped_dead_codes()
    for code in [0, 63, *dead]:
        app.number_input(key=keys.CELL_CODE).set_value(code).run()
        assert not app.exception and grid_state(app).code == code
        if code in dead:
            assert any(f"Code {code} is **dead**" in caption.value for caption in app.caption)


def test_another_test_digit_starts_from_its_own_tokens(open_page):
    app = open_page(PAGE)
    app.number_input(key=keys.CELL_CODE).set_value((grid_state(app).code + 1) % 64).run()
    first = grid_state(app).encoded
    app.number_input(key=keys.DIGIT).set_value(5).run()
    assert not app.exception
    assert not grid_state(app).changed.any() and not np.array_equal(grid_state(app).encoded, first)


def test_the_students_own_digit_can_be_encoded(open_page):
    app = open_page(PAGE)
    give_own_digit(app, index=7)
    app.toggle(key=keys.USE_OWN).set_value(True).run()
    assert not app.exception
    assert grid_state(app).source.startswith("own")
    assert app.get("image")[0].captions == ["your digit"]


def test_a_damaged_vq_vae_file_is_named_and_the_other_pages_still_work(open_page, cut_short):
    cut_short("vqvae/vq_vae.safetensors", keep=300)
    app = open_page(PAGE)
    assert "vq_vae.safetensors" in app.error[0].value
    assert "python scripts/train_pretrained.py" in app.error[0].value
    app.switch_page("app_pages/bottleneck.py").run()
    assert not app.exception and not app.error


def test_a_damaged_prior_is_named_and_the_grid_still_edits(open_page, cut_short):
    cut_short("vqvae/token_prior.safetensors", keep=300)
    app = open_page(PAGE)
    assert "token_prior.safetensors" in app.error[0].value
    app.number_input(key=keys.CELL_CODE).set_value((grid_state(app).code + 3) % 64).run()
    assert not app.exception and grid_state(app).changed.sum() == 1


def test_a_build_without_the_group_names_the_command_that_makes_it(open_page, manifest_without):
    manifest_without("vqvae")
    app = open_page(PAGE)
    assert "python scripts/train_pretrained.py --only vqvae" in app.error[0].value
    assert not app.exception


def test_opening_reads_the_closeness_measured_at_build_time(open_page, never_called):
    """No decodes measured against the training digits when the page opens: measuring raises here."""
    import explorer.topics.vqvae.prior as prior
    from explorer.topics.vqvae.measured import shipped_closeness

    never_called(prior, "median_to_nearest")
    app = open_page(PAGE)
    assert not app.exception and not app.error
    shipped = shipped_closeness(PretrainedStore(PRETRAINED_DIR))
    assert any(f"**{shipped.prior:.4f}**" in md.value for md in app.markdown)


def test_a_build_without_the_measured_closeness_names_its_rebuild(open_page, shipped_without_entry):
    from explorer.topics.vqvae.measured import CLOSENESS_KEY, MEASURES_GROUP

    shipped_without_entry(MEASURES_GROUP, CLOSENESS_KEY)
    app = open_page(PAGE)
    assert not app.exception
    assert f"python scripts/train_pretrained.py --only {MEASURES_GROUP}" in app.error[0].value
    app.number_input(key=keys.CELL_CODE).set_value((grid_state(app).code + 3) % 64).run()
    assert not app.exception and grid_state(app).changed.sum() == 1  # the rest of the page works


def test_a_build_without_the_test_tokens_names_their_rebuild(open_page, shipped_without_entry):
    from explorer.topics.vqvae.measured import MEASURES_GROUP, TOKENS_KEY

    shipped_without_entry(MEASURES_GROUP, TOKENS_KEY)
    app = open_page(PAGE)
    assert not app.exception
    assert f"python scripts/train_pretrained.py --only {MEASURES_GROUP}" in app.error[0].value
