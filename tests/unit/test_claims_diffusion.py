"""The Diffusion page's claims about the shipped networks, checked against them: a rebuild that changes the
story fails here, so that someone rewrites app_pages/diffusion.py to match."""

import numpy as np
import pytest
import torch

from explorer.checkpoints.store import PretrainedStore
from explorer.core.data import load_bundled_mnist
from explorer.core.schedulers import static_pixels
from explorer.models.digit_judge import JUDGE_GROUP, JudgeScores, judged, too_close_to_call
from explorer.models.digit_likeness import class_probabilities, score_images
from explorer.topics.diffusion.cost import latent_step_cost, pixel_step_cost, shipped_step_costs
from explorer.topics.diffusion.judged import quality_words, ranked
from explorer.topics.diffusion.logic import BATCH, make_scheduler, sample_latents, sample_pixels

DIGITS_READ_RIGHT = (0, 150, 512)  # test images (a 0, a 1 and a 5) that the classifier reads right


@pytest.fixture(scope="module")
def store():
    return PretrainedStore()  # $EXPLORER_PRETRAINED_DIR when set: point it at an edited copy to see a claim fail


@pytest.fixture(scope="module")
def networks(store):
    info = store.group("diffusion")
    return {role: store.load_model(info[role]) for role in ("unet", "latent_denoiser", "vae", "classifier")}


@pytest.fixture(scope="module")
def static_verdict(networks):
    return score_images(networks["classifier"], static_pixels(256))


def test_the_shipped_step_costs_are_the_shipped_networks_counted_again(store, networks):
    """The page reads the counts the build made: a retrain (or a change of a network) that does not count them
    again fails here; `python scripts/train_pretrained.py --only diffusion --measure` counts them."""
    assert shipped_step_costs(store) == (pixel_step_cost(networks["unet"]),
                                         latent_step_cost(networks["latent_denoiser"]))


def test_the_unet_has_about_twice_the_weights_but_far_more_work_per_step(store):
    """"It is not the number of weights ... It is how often each weight is used"."""
    pixel, latent = shipped_step_costs(store)  # what the page shows
    weights = pixel.parameters / latent.parameters
    assert 1 < weights < 3  # "only 1.9 times the MLP's"
    assert pixel.multiply_adds / latent.multiply_adds > 20 * weights
    assert pixel.uses_per_weight > 50 and 0.5 < latent.uses_per_weight < 1.5  # "about once"


def test_the_classifier_is_sure_of_itself_on_pure_static(static_verdict):
    assert static_verdict.mean_confidence > 0.5


def test_a_lightly_noised_digit_comes_back_and_a_heavily_noised_one_mostly_does_not(store, networks):
    """Part 2's "Small t: every one comes back as that digit. Large t: ... invents other digits"."""
    data = load_bundled_mnist()
    scheduler = make_scheduler(store.group("diffusion")["schedule"], "ddim", 50)  # the page's default sampler
    for index in DIGITS_READ_RIGHT:
        label = int(data.test_labels[index])
        assert score_images(networks["classifier"], data.test_images[index]).class_counts[label] == 1
        kept = {}
        for start_step in (100, 900):  # the slider runs from 50 to 950
            samples = sample_pixels(networks["unet"], scheduler, count=BATCH, start_step=start_step,
                                    start_images=[data.test_images[index]] * BATCH).samples
            kept[start_step] = score_images(networks["classifier"], samples).class_counts[label]
        assert kept[100] >= BATCH - 1 and kept[900] < BATCH / 2, (index, kept)


@pytest.fixture(scope="module")
def latent_run(store, networks):
    """The page's latent sampler, on more draws than the page's 16: a spread over 16 is too noisy to test."""
    scheduler = make_scheduler(store.group("diffusion")["schedule"], "ddpm", clip_sample=None)
    return sample_latents(networks["latent_denoiser"], networks["vae"], scheduler, count=4 * BATCH)


def test_the_starting_noise_of_latent_diffusion_decodes_to_digit_like_shapes(networks, latent_run, static_verdict):
    start = score_images(networks["classifier"], latent_run.noisy[0])
    assert start.mean_confidence > static_verdict.mean_confidence + 0.05
    assert start.class_spread > 0.8 > static_verdict.class_spread  # many digits, where static is read as one or two


def test_the_latent_guess_jumps_about_at_first_and_settles(latent_run):
    changes = np.abs(np.diff(latent_run.predicted, axis=0)).mean(axis=(1, 2, 3))  # between kept frames
    assert changes[:5].mean() > 2 * changes[-5:].mean()



def digits_read(networks, images: np.ndarray) -> np.ndarray:
    """The classifier's digit for each of N x 28 x 28 images."""
    images = torch.from_numpy(np.asarray(images, np.float32).reshape(-1, 1, 28, 28))
    return class_probabilities(networks["classifier"], images).argmax(dim=1).numpy()


def first_step_agreeing(networks, frames: np.ndarray, final: np.ndarray, steps: list[int]) -> int:
    """The step t of the first frame in which at least half the batch reads as the digit it ends as."""
    return next(step for step, frame in zip(steps, frames, strict=True)
                if (digits_read(networks, frame) == final).sum() >= len(final) / 2)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_guess_settles_on_a_digit_hundreds_of_steps_before_x_t_shows_it(store, networks, seed):
    """The page's "What to look for": "For the first half of the steps x_t on the left still looks like static,
    yet the network's guess on the right shows which digit many of them will become hundreds of steps before
    the digits come through on the left" (the page's default sampler, DDIM in 50 steps): half the batch reads
    as its final digit in the guess at least 200 steps before it does in x_t, and in x_t not before step 500."""
    scheduler = make_scheduler(store.group("diffusion")["schedule"], "ddim", 50)
    run = sample_pixels(networks["unet"], scheduler, count=BATCH, seed=seed)
    final = digits_read(networks, run.samples)
    x_t_from = first_step_agreeing(networks, run.noisy, final, run.steps)
    guess_from = first_step_agreeing(networks, run.predicted, final, run.steps)
    assert x_t_from < 500 and guess_from - x_t_from >= 200, (x_t_from, guess_from)


# --- "How digit-like are the samples?": the digit judge's shipped verdicts ---

@pytest.fixture(scope="module")
def judged_samples(store):
    group = store.group(JUDGE_GROUP)
    return judged(group["pages"]["diffusion"]) | {"real": JudgeScores.from_json(group["ladder"]["real"])}


def test_latent_diffusion_is_judged_real_most_often_and_has_the_lowest_fid(judged_samples):
    """quality_words' order: latent diffusion first, and "FID ... is lowest for Latent diffusion"."""
    order = ranked(judged_samples)
    assert order[0] is judged_samples["latent_ddpm"] and not too_close_to_call(order[0], order[1])
    assert min(order, key=lambda s: s.fid) is judged_samples["latent_ddpm"]
    assert "is lowest for Latent diffusion" in quality_words(judged_samples, 0.98)


def test_pixel_diffusion_and_the_plain_vae_are_too_close_to_call(judged_samples):
    """"Pixel diffusion and Plain VAE: within 2 standard errors of each other, too close to call"."""
    assert too_close_to_call(judged_samples["pixel_ddim"], judged_samples["vae_prior"])
    assert "Pixel diffusion and Plain VAE: within 2 standard errors" in quality_words(judged_samples, 0.98)


def test_every_way_of_sampling_falls_short_of_real_digits(judged_samples):
    real = judged_samples["real"]
    assert all(scores.share_real < real.share_real for scores in ranked(judged_samples))


def test_the_judge_calls_static_no_digit_where_the_classifier_is_sure_of_it(store, static_verdict):
    """confidence_words: "pure static ... gets an average confidence of ..., where the judge calls 0% of it real"."""
    static = judged(store.group(JUDGE_GROUP)["ladder"])["static"]
    assert static.share_real == 0 and static_verdict.mean_confidence > 0.5
