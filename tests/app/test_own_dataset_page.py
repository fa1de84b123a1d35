"""The Your-data-set page: opens empty, takes the example in one click, trains on it live, reports a bad upload,
and keeps each session's data and run to itself."""

import io
import zipfile

import pytest
from streamlit.testing.v1 import AppTest

from explorer.training.live import RunStatus
from explorer.ui.shared.navigation import next_page
from tests.app.conftest import image_urls

PAGE = "app_pages/own_dataset.py"


def use_example(app: AppTest) -> AppTest:
    app.button(key="own_use_example").click().run()
    assert not app.exception, app.exception
    return app


def train(app: AppTest, epochs: int = 2, model: str = "vae", k: int = 4):
    app.radio(key="own_model").set_value(model)
    app.select_slider(key="own_latent").set_value(k)
    app.slider(key="own_epochs").set_value(epochs).run()
    app.button(key="own_train").click().run()
    assert not app.exception, app.exception
    return app.session_state["own_run"]


def test_opens_empty_with_the_uploader_the_example_and_no_run(open_page):
    app = open_page(PAGE)
    assert app.title[0].value == "📂 Your data set"
    assert app.button(key="own_train").disabled
    assert "Use the example" in app.info[0].value
    assert any("50 MB" in caption.value and "20,000" in caption.value for caption in app.caption)
    assert "own_data" not in app.session_state and "own_run" not in app.session_state
    assert app.radio(key="own_model").value == "vae" and app.select_slider(key="own_latent").value == 8
    assert app.slider(key="own_epochs").value == 15


def test_the_example_loads_in_one_click_with_its_classes(open_page):
    app = use_example(open_page(PAGE))
    data = app.session_state["own_data"]
    assert data.images.shape == (500, 1, 28, 28)
    assert data.dataset.class_names == ("ellipse", "heart", "square", "triangle")
    assert len(data.split.held_out) == 50 and len(data.split.train) == 450
    assert app.radio(key="own_placement").value == "resize"  # the shapes stay where they were drawn
    assert any("500 images in 4 classes" in md.value for md in app.markdown)
    assert not app.button(key="own_train").disabled
    assert len(image_urls(app)) == 4  # the preview: one row per class


def test_training_on_the_example_streams_to_a_finished_run(open_page):
    app = use_example(open_page(PAGE))
    run = train(app, epochs=2)
    assert run.status == RunStatus.FINISHED and [view.epoch for view in run.views] == [1, 2]
    assert run.model.latent_dim == 4
    assert "Finished 2 epochs (VAE, k = 4)" in app.success[0].value
    # issue 26: the loss has its unit, and both losses are measured after the epoch, the same way
    assert any(caption.value.startswith("Both lines are measured after each epoch, with the same weights: the loss "
                                        "per image in [nats](glossary#") for caption in app.caption)
    assert len(app.get("plotly_chart")) == 1  # the map of the codes
    assert any("The codes after epoch 2" in md.value for md in app.markdown)
    assert len(image_urls(app)) == 3 + 1 + 6  # held-out, reconstructions, decodes; an image and its neighbours
    assert len(app.get("vega_lite_chart")) == 1  # the loss curves
    texts = " ".join(md.value for md in app.markdown)
    assert "Nearest neighbours in code space" in texts
    app.run()  # the next run: the same pictures, and the preview a click away in its popover
    assert not app.exception and app.session_state["own_run"] is run and len(run.views) == 2
    assert len(image_urls(app)) == 4 + 3 + 1 + 6 and app.get("popover")


def test_the_ae_says_where_its_random_codes_come_from(open_page):
    app = use_example(open_page(PAGE))
    train(app, epochs=1, model="ae")
    shown = " ".join(caption for image in app.get("image") for caption in [image.proto.imgs[0].caption])
    assert "bell curve fitted to the AE's codes" in shown and "prior" in shown


def test_neighbours_of_a_chosen_image_are_shown_after_the_run(open_page):
    app = use_example(open_page(PAGE))
    train(app, epochs=1)
    app.number_input(key="own_neighbour_image").set_value(7).run()
    assert not app.exception
    captions = [image.proto.imgs[0].caption for image in app.get("image")]
    assert "image 7 · " in " ".join(captions)
    assert sum("distance" in caption for caption in captions) == 6


class FakeUpload:
    """What st.file_uploader returns once a student has chosen a file."""

    def __init__(self, name: str, data: bytes):
        self.name, self.file_id, self._data = name, f"{name}-{len(data)}", data

    def getvalue(self) -> bytes:
        return self._data


@pytest.fixture
def uploader(monkeypatch):
    """{"file": FakeUpload or None}: what the page's uploader holds (AppTest cannot fill a real one)."""
    from streamlit.delta_generator import DeltaGenerator

    held = {"file": None}
    monkeypatch.setattr(DeltaGenerator, "file_uploader", lambda self, *args, **kwargs: held["file"])
    return held


def shapes_zip(count: int) -> bytes:
    from explorer.core.shapes import sample_shapes
    from explorer.topics.own_dataset.example import png_bytes

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number, image in enumerate(sample_shapes(count, seed=3).images):
            archive.writestr(f"{number}.png", png_bytes(image))
    return buffer.getvalue()


def test_a_bad_upload_is_reported_and_the_page_keeps_working(open_page, uploader):
    app = open_page(PAGE)
    uploader["file"] = FakeUpload("broken.zip", b"PK\x03\x04 this is no zip at all")
    app.run()
    assert not app.exception
    assert "broken.zip" in app.error[0].value and "cannot be used" in app.error[0].value
    assert "own_data" not in app.session_state and app.button(key="own_train").disabled
    app.run()
    assert "broken.zip" in app.error[0].value  # it stays while the file sits in the uploader
    uploader["file"] = None  # taken out: the error goes
    use_example(app)
    assert not app.error and app.session_state["own_data"].name == "shapes_example.zip"


def test_a_good_upload_replaces_the_example_and_drops_its_run(open_page, uploader):
    app = use_example(open_page(PAGE))
    train(app, epochs=1)
    uploader["file"] = FakeUpload("mine.zip", shapes_zip(60))
    app.run()
    assert not app.exception and "own_run" not in app.session_state
    data = app.session_state["own_data"]
    assert data.name == "mine.zip" and data.dataset.labels is None and len(data.images) == 60
    assert any("mine.zip" in md.value and "no labels" in md.value for md in app.markdown)
    uploader["file"] = None  # taken out of the uploader: its data goes with it
    app.run()
    assert "own_data" not in app.session_state


def test_sessions_keep_their_data_and_runs_to_themselves(open_page):
    student, other_tab = open_page(PAGE), open_page(PAGE)
    use_example(student)
    train(student, epochs=1)
    other_tab.run()
    assert not other_tab.exception
    assert "own_data" not in other_tab.session_state and "own_run" not in other_tab.session_state
    assert other_tab.button(key="own_train").disabled and not other_tab.get("plotly_chart")
    assert "own_run" in student.session_state


def test_the_page_is_the_last_of_the_route(open_page):
    assert next_page(PAGE) is None


def twins_zip(count: int) -> bytes:
    """`count` pictures, each of them twice: every image has another with the same code."""
    from explorer.core.shapes import sample_shapes
    from explorer.topics.own_dataset.example import png_bytes

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number, image in enumerate(sample_shapes(count, seed=3).images):
            for copy in (0, 1):
                archive.writestr(f"{number}_{copy}.png", png_bytes(image))
    return buffer.getvalue()


@pytest.mark.parametrize("twins", [False, True])
def test_the_neighbours_scale_says_when_most_images_have_a_twin(open_page, uploader, twins):
    app = open_page(PAGE)
    uploader["file"] = FakeUpload("twins.zip" if twins else "mine.zip", twins_zip(40) if twins else shapes_zip(80))
    app.run()
    train(app, epochs=1)
    scale = next(caption.value for caption in app.caption if caption.value.startswith("Distances are between codes"))
    assert ("more than half of your images have another image whose code is the same, or all but" in scale) == twins
    assert ("is typically" in scale) == (not twins)
