"""The Shapes page through AppTest: the walk and its measured labels, each control, a live run, broken files."""

import json

import pytest

from explorer.checkpoints.store import MANIFEST_NAME, PretrainedStore
from explorer.core.shapes import SHAPE_NAMES, make_shapes
from explorer.models.gaussian import dims_by_kl
from explorer.topics.shapes.kept import shipped_guesses
from explorer.topics.shapes.settings import KEPT_GROUP, LATENT_DIM
from explorer.topics.shapes.shipped import shipped_runs
from explorer.topics.shapes.story import largest_beta_story, mig_story
from explorer.topics.shapes.traversal import code_of, traversal_rows, walk_change
from explorer.training.live import RunStatus
from explorer.ui.shared.anatomy import LOOK_FOR_TITLE
from tests.app.conftest import image_urls

PAGE = "app_pages/shapes.py"
RUN_KEY = "shapes_run"


def row_labels(app) -> list[str]:
    return [md.value.split("  \n")[0].strip("*") for md in app.markdown if "  \ndim " in md.value]


def expected_labels(beta: float) -> list[str]:
    run = next(run for run in shipped_runs(PretrainedStore()) if run.beta == beta)
    return [run.scores.label(dim) for dim in dims_by_kl(run.scores.kl_per_dim) if run.scores.active[dim]]


def test_opens_on_the_middle_beta_with_one_measured_row_per_dimension_in_use(open_page):
    app = open_page(PAGE)
    runs = shipped_runs(PretrainedStore())
    beta = app.segmented_control(key="shapes_beta").value
    assert beta == runs[len(runs) // 2].beta
    assert row_labels(app) == expected_labels(beta)
    assert len(image_urls(app)) == len(expected_labels(beta))  # one walk per row, nothing trained yet
    look = next(md.value for md in app.markdown if md.value.startswith(f"**{LOOK_FOR_TITLE}"))
    assert mig_story(runs) in look
    assert "Press **Train**" in app.info[0].value
    assert any("is the one Locatello et al. (2019) used" in md.value for md in app.markdown)  # the estimator's credit


@pytest.mark.parametrize("beta", [1.0, 16.0])
def test_each_shipped_beta_relabels_the_rows_and_says_how_many_are_unused(open_page, beta):
    app = open_page(PAGE)
    app.segmented_control(key="shapes_beta").set_value(beta).run()
    assert not app.exception
    labels = expected_labels(beta)
    assert row_labels(app) == labels
    unused = LATENT_DIM - len(labels)
    captions = " ".join(caption.value for caption in app.caption)
    assert (f"{unused} of the {LATENT_DIM} dimensions are unused at β = {beta:g}" in captions) == (unused > 0)
    if unused:  # the caption's numbers are the walks' own, measured on the shipped model
        store = PretrainedStore()
        run = next(run for run in shipped_runs(store) if run.beta == beta)
        model, shapes = store.load_model(run.name), make_shapes()
        start = code_of(model, shapes.images[shapes.index(shape=0, scale=3, rotation=0, x=3, y=4)])
        used = [dim for dim in dims_by_kl(run.scores.kl_per_dim) if run.scores.active[dim]]
        quiet = [dim for dim in dims_by_kl(run.scores.kl_per_dim) if not run.scores.active[dim]]
        most = walk_change(traversal_rows(model, start, quiet)).max()
        least = walk_change(traversal_rows(model, start, used)).min()
        assert f"by at most {most:.1f} pixels' worth of ink, against at least {least:.1f}" in captions


def test_the_walk_starts_from_the_chosen_shape(open_page):
    app = open_page(PAGE)
    before = image_urls(app)
    app.selectbox(key="shapes_start").set_value(SHAPE_NAMES[2]).run()
    assert not app.exception
    after = image_urls(app)
    assert len(after) == len(before) and after != before


def test_a_live_run_trains_from_the_nearest_shipped_run_and_is_scored(open_page):
    app = open_page(PAGE)
    app.select_slider(key="shapes_live_beta").set_value(6.0).run()
    app.slider(key="shapes_live_epochs").set_value(2).run()
    app.button(key="shapes_train").click().run()
    assert not app.exception, app.exception
    run = app.session_state[RUN_KEY]
    assert run.status == RunStatus.FINISHED and len(run.views) == 2 and run.model.config.beta == 6.0
    assert app.success[0].value.startswith(f"Finished 2 epochs at β = 6: MIG {run.last.scores.mig:.3f}")
    assert any(md.value.startswith("**What its dimensions in use carry:**") for md in app.markdown)
    other = open_page(PAGE)  # another student's session sees none of it
    assert RUN_KEY not in other.session_state and "Press **Train**" in other.info[0].value


def test_a_build_without_the_group_names_the_command_that_makes_it(open_page, manifest_without):
    manifest_without("shapes")
    app = open_page(PAGE)
    assert not app.exception
    assert "--only shapes" in app.error[0].value


def test_a_damaged_model_file_is_named(open_page, cut_short):
    cut_short("shapes/shapes_beta_4.safetensors", 100)
    app = open_page(PAGE)
    assert not app.exception
    assert "shapes_beta_4.safetensors" in app.error[0].value


def test_opening_reads_what_the_largest_beta_keeps_measured_at_build_time(open_page, never_called):
    """No vote over the shapes' codes when the page opens: measuring raises here, and Go deeper tells the shipped
    numbers all the same."""
    import explorer.topics.shapes.kept as kept

    never_called(kept, "guess_factors")
    app = open_page(PAGE)
    assert not app.exception and not app.error
    store = PretrainedStore()
    story = largest_beta_story(shipped_runs(store), shipped_guesses(store, shipped_runs(store)))
    assert any(story in md.value for md in app.markdown)


@pytest.mark.parametrize("damage", ["no group", "other weights"])
def test_a_build_without_the_measured_guesses_names_the_command(open_page, pretrained_copy, damage):
    """Lacking, or measured on weights that are no longer shipped (the shapes group retrained after it): the page
    names the step that measures it, and shows the rest."""
    copy = pretrained_copy()
    manifest = json.loads((copy / MANIFEST_NAME).read_text())
    if damage == "no group":
        del manifest["groups"][KEPT_GROUP]
    else:
        manifest["groups"][KEPT_GROUP]["sha256"] = "0" * 64
    (copy / MANIFEST_NAME).write_text(json.dumps(manifest))
    app = open_page(PAGE)
    assert not app.exception
    assert [error.value for error in app.error if f"--only {KEPT_GROUP}" in error.value]
    assert row_labels(app) and any(md.value.startswith("**The data set.**") for md in app.markdown)
