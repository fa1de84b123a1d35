import json

from streamlit.testing.v1 import AppTest

from explorer.checkpoints.store import PretrainedStore
from explorer.ui.diffusion import keys
from scripts.app_process import APP_SCRIPT

PAGE = "app_pages/diffusion.py"


def chart_specs(app) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def parameters(network) -> int:
    return sum(p.numel() for p in network.parameters())


def frame_images(spec: dict) -> list:
    return [frame["data"][0]["z"] for frame in spec["frames"]]


def test_opens_on_the_finished_samples_then_goes_deeper(open_page):
    app = open_page(PAGE)
    specs = chart_specs(app)
    assert len(specs) == 4  # pixel reverse; under "Go deeper": forward, latent reverse, quality
    pixel, forward, latent, _ = specs
    assert len(forward["frames"]) == 50 and forward["layout"]["updatemenus"][0]["buttons"][0]["label"] == "▶ Play"
    assert len(pixel["frames"]) == len(latent["frames"]) == 31  # 30 kept steps and the result
    for reverse in (pixel, latent):  # both open on their last frame, the finished samples, not on static
        assert reverse["data"][0]["z"] == reverse["frames"][-1]["data"][0]["z"] != reverse["frames"][0]["data"][0]["z"]
        assert reverse["layout"]["sliders"][0]["active"] == 30
        assert reverse["frames"][-1]["name"] == "Finished samples"
    assert app.title[0].value == "🌫️ Diffusion"
    headings = [md.value for md in app.markdown]
    assert headings.index(next(h for h in headings if "What to look for" in h)) < headings.index(
        "#### Forward: how a digit is turned into static")
    labels = [metric.label for metric in app.metric]
    assert labels[:3] == ["Pixel U-Net: time per step", "Latent MLP: time per step", "Latent is faster by"]
    assert any("Why latent diffusion is faster" in md.value for md in app.markdown)
    assert any(md.value.startswith("**Judged now:**") for md in app.markdown)
    assert any(md.value.startswith("#### The digit judge") for md in app.markdown)  # its ladder, under Go deeper
    assert len(app.latex) == 1


def test_the_text_defines_its_words_and_carries_the_numbers_of_the_shipped_networks(open_page):
    app = open_page(PAGE)
    text = " ".join(md.value for md in app.markdown)
    assert "−1 to 1" in text and "**U-Net** (" in text and "**MLP** (a multi-layer perceptron" in text
    assert "always uses the **linear** schedule the U-Net was trained with" in text
    store = PretrainedStore()
    unet, mlp = (store.load_model(store.group("diffusion")[role]) for role in ("unet", "latent_denoiser"))
    assert f"the U-Net has {parameters(unet):,}" in text and f"the MLP's {parameters(mlp):,}" in text
    assert "**Why not the classifier's confidence?**" in text and "**A generous judge.**" not in text
    assert "The **digit judge**" in text
    assert "DDPM (denoising diffusion probabilistic model" in app.radio(key=keys.SAMPLER).help


def test_controls_change_what_is_drawn(open_page):
    app = open_page(PAGE)
    forward = frame_images(chart_specs(app)[1])
    app.radio(key=keys.SCHEDULE).set_value("cosine").run()
    assert frame_images(chart_specs(app)[1])[10] != forward[10]

    pixel = frame_images(chart_specs(app)[0])
    app.number_input(key=keys.SEED).set_value(5).run()
    assert not app.exception
    reseeded = frame_images(chart_specs(app)[0])
    assert reseeded[-1] != pixel[-1]
    assert any(md.value.startswith("16 new digits from the static of seed 5") for md in app.markdown)

    app.select_slider(key=keys.STEPS).set_value(10).run()
    assert len(chart_specs(app)[0]["frames"]) == 11

    assert app.slider(key=keys.START_STEP).disabled  # until "From a real digit" is on
    app.toggle(key=keys.FROM_IMAGE).set_value(True).run()
    app.number_input(key=keys.START_IMAGE).set_value(3).run()
    app.slider(key=keys.START_STEP).set_value(300).run()
    assert not app.exception
    started = chart_specs(app)[0]
    assert started["frames"][0]["name"] == "Step t = 300"
    assert any("**test digit 3** noised to step 300" in md.value and "as it reads the digit you started from"
               in md.value for md in app.markdown)


def test_missing_diffusion_weights_keep_the_forward_part(open_page, pretrained_copy):
    copy = pretrained_copy()
    (copy / "diffusion" / "diffusion_unet.safetensors").unlink()

    app = open_page(PAGE)
    assert not app.exception
    message = app.error[0].value
    assert "diffusion_unet.safetensors" in message and "python scripts/train_pretrained.py" in message
    assert len(app.get("plotly_chart")) == 1  # the forward animation still plays
    app.radio(key=keys.SCHEDULE).set_value("cosine").run()
    assert not app.exception and len(app.get("plotly_chart")) == 1


def test_a_manifest_without_the_group_says_how_to_build_it(open_page, manifest_without):
    manifest_without("diffusion")
    app = open_page(PAGE)
    assert "--only diffusion" in app.error[0].value


def test_a_build_without_the_step_costs_says_how_to_count_them(open_page, pretrained_copy):
    copy = pretrained_copy()
    manifest = json.loads((copy / "manifest.json").read_text())
    del manifest["groups"]["diffusion"]["step_costs"]
    (copy / "manifest.json").write_text(json.dumps(manifest))

    app = open_page(PAGE)
    assert "python scripts/train_pretrained.py --only diffusion --measure" in app.error[0].value
    assert not any("Why latent diffusion is faster" in md.value for md in app.markdown)
    assert len(app.get("plotly_chart")) == 4  # the rest of the page is there


def count_sampling_runs(monkeypatch) -> list[str]:
    """The names of the page's sampling runs made from now on, in order."""
    import explorer.topics.diffusion.logic as logic

    made = []

    def counted(name: str):
        original = getattr(logic, name)

        def sampler(*args, **kwargs):
            made.append(name)
            return original(*args, **kwargs)

        return sampler

    for name in ("run_pixels", "run_latents"):
        monkeypatch.setattr(logic, name, counted(name))
    return made


def test_the_default_samples_are_shipped_and_a_second_visitor_gets_the_samples_the_first_one_made(
        open_page, monkeypatch):
    """The defaults' samples come with the app; one server makes each other setting's samples once: a class
    opening the page does not make them 30 times."""
    made = count_sampling_runs(monkeypatch)
    first = open_page(PAGE)  # empties the shared caches
    assert made == []
    assert any("(made when the app was built)" in md.value for md in first.markdown)
    first.number_input(key=keys.SEED).set_value(3).run()
    assert sorted(made) == ["run_latents", "run_pixels"]
    assert any("from the static of seed 3" in md.value and "(made in " in md.value for md in first.markdown)
    second = AppTest.from_file(str(APP_SCRIPT), default_timeout=180)  # a new session, the same server
    second.run()
    second.switch_page(PAGE).run()
    second.number_input(key=keys.SEED).set_value(3).run()
    assert not second.exception
    assert len(made) == 2
    assert frame_images(chart_specs(second)[0]) == frame_images(chart_specs(first)[0])


def test_shipped_samples_from_other_networks_are_not_shown(open_page, pretrained_copy, monkeypatch):
    """After a retrain of the diffusion group without its samples, the page makes them from the new networks."""
    copy = pretrained_copy()
    manifest = json.loads((copy / "manifest.json").read_text())
    made_from = manifest["groups"]["diffusion_samples"]["made_from"]
    made_from[next(iter(made_from))] = "0" * 64  # as if they had been made from another U-Net
    (copy / "manifest.json").write_text(json.dumps(manifest))
    made = count_sampling_runs(monkeypatch)
    app = open_page(PAGE)
    assert sorted(made) == ["run_latents", "run_pixels"]
    assert not any("made when the app was built" in md.value for md in app.markdown)
