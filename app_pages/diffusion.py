"""Diffusion: a trained network walks static back to digits; below, how the noise is added, the same in a
VAE's codes, and how digit-like the samples are."""

from explorer.models.digit_likeness import score_images
from explorer.topics.diffusion.logic import LatentRun
from explorer.ui.diffusion import keys
from explorer.ui.diffusion.controls import link_params, sampler_controls, show_sampling_cost
from explorer.ui.diffusion.deeper import show_forward, show_latent, show_quality, show_reverse
from explorer.ui.diffusion.loaders import diffusion_networks, latent_samples, pixel_chart, pixel_samples
from explorer.ui.diffusion.panels import show_what_was_made
from explorer.ui.diffusion.predictions import diffusion_prediction
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.lesson_link import presenting
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import bundled_data
from explorer.ui.shared.shortcuts import play_key
from explorer.ui.shared.style import show_ready
from explorer.ui.shared.view_link import ViewLink

PAGE = "app_pages/diffusion.py"

page_header("🌫️ Diffusion", "How can a network turn pure static into a digit, one small denoising step at a time?")
predict_first(diffusion_prediction)
data = bundled_data()
view = ViewLink(PAGE)
view.restore(*link_params(len(data.test_images)))

# The shipped networks: without them the page still shows how noise is added (under "Go deeper").
networks = None
with report_pretrained_error(stop=False):
    networks = diffusion_networks()

# --- the controls, the samples coming out of the static, and what made them ---
if networks is not None:
    settings = sampler_controls(view, len(data.test_images))
    pixel = pixel_samples(networks, settings, data.test_images)
    show_ready(pixel_chart(settings, presenting(), pixel), key=keys.REVERSE_CHART)
    play_key()
    scored = score_images(networks.classifier, pixel.samples)
    show_what_was_made(settings, pixel, scored, networks, data.test_images)
    show_sampling_cost(networks, settings)  # under the samples, which stay on a laptop's screen above it

look_for(
    "Press **▶ Play**. For the first half of the steps x_t on the left still looks like static, yet the "
    "network's guess on the right shows which digit many of them will become hundreds of steps before the "
    "digits come through on the left. Then try another seed, or start from a real digit noised to a small and "
    "to a large t: how much of it survives?"
)

with deeper() as opened:
    if opened:
        show_forward(data, view)
        if networks is not None:
            show_reverse(networks, len(data.train_images), settings, pixel)
            latent_settings = LatentRun(settings.seed)
            latent = latent_samples(networks, latent_settings)
            show_latent(networks, latent_settings, latent)
            show_quality(networks, scored, latent, pixel.samples)

view.finish()
next_link(PAGE)
