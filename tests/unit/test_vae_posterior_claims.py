"""Inside the VAE's claims against the shipped k = 2 conv VAE: they fail if a retrain changes the story."""

import re
from pathlib import Path

import numpy as np
import pytest

from explorer.checkpoints.store import PretrainedStore
from explorer.core.data import load_bundled_mnist
from explorer.topics.vae_posterior.logic import (
    SAMPLE_COUNT,
    Posterior,
    encode_posteriors,
    reparameterise,
    sample_epsilons,
)
from explorer.topics.vae_posterior.measures import decode_samples, proportion, random_pair_difference
from explorer.topics.vae_posterior.story import SPECK, proportion_story

ALIKE = 0.1  # "nearby codes decode alike": a cloud's decodes differ by under this share of two random digits'


@pytest.fixture(scope="module")
def shipped():
    store = PretrainedStore()
    name = store.group("latent_map")["pairs"]["2"]["vae"]
    model = store.load_model(name)
    data = load_bundled_mnist()
    means, logvars = encode_posteriors(model, data.test_images)
    codes = store.load_arrays(store.group("latent_map")["files"][name]["codes"])["codes"]
    return model, means, logvars, codes[len(data.train_images):]


def test_the_dots_the_shipped_codes_are_the_encoders_mu(shipped):
    _, means, _, dots = shipped
    np.testing.assert_allclose(dots, means, atol=1e-5)


def test_every_test_digits_cloud_decodes_alike_next_to_two_random_digits(shipped):
    model, means, logvars, _ = shipped
    pairs = random_pair_difference(model, means)
    eps = sample_epsilons(SAMPLE_COUNT, 2)
    worst = 0.0
    for mean, logvar in zip(means[::5], logvars[::5], strict=True):
        posterior = Posterior.from_arrays(mean, logvar)
        samples = decode_samples(model, posterior, reparameterise(posterior, eps))
        worst = max(worst, float(samples.differences.mean()))
    assert worst < ALIKE * pairs, f"a cloud's decodes differ by {worst:.4f}, two random digits' by {pairs:.4f}"


def test_the_typical_cloud_is_a_speck_on_the_whole_plane_as_the_page_says(shipped):
    _, means, logvars, dots = shipped
    typical = int(np.argsort(np.exp(logvars / 2).max(axis=1))[len(logvars) // 2])  # the median widest sigma
    found = proportion(Posterior.from_arrays(means[typical], logvars[typical]), dots, logvars)
    assert (2 * found.ratio).max() < SPECK
    assert "the cloud is a speck" in proportion_story(found, len(dots))


def test_the_pages_notes_share_of_sigma_in_the_codes_spread_is_the_shipped_one(shipped):
    _, _, logvars, dots = shipped
    notes = (Path(__file__).resolve().parents[2] / "docs" / "pages.md").read_text()
    stated = int(re.search(r"σ is about (\d+)% of the spread of the codes", notes).group(1))
    shares = np.median(np.exp(logvars / 2), axis=0) / dots.std(axis=0)  # per dimension
    assert all(round(100 * share) == stated for share in shares), shares
