"""Inside the VAE's logic on the shipped k = 2 conv VAE: the ellipses, the reparameterised sample, its gradient,
the KL term, and the figures' click handling."""

import numpy as np
import plotly.graph_objects as go
import pytest
import torch

from explorer.checkpoints.store import PretrainedStore
from explorer.core.data import load_bundled_mnist
from explorer.topics.vae_posterior.figures import (
    DOTS_GROUP,
    clicked_digit,
    close_up_window,
    computation_graph,
    posterior_figure,
)
from explorer.topics.vae_posterior.logic import (
    ELLIPSE_SCALES,
    Posterior,
    ellipse_outline,
    encode_posteriors,
    epsilon,
    gradients,
    kl_per_dimension,
    posterior_of,
    reparameterise,
    sample_epsilons,
    share_inside,
)
from explorer.topics.vae_posterior.measures import DecodedSamples, random_pairs
from explorer.topics.vae_posterior.story import alike_story, neighbour_story

DIGITS = (0, 123, 456, 789)  # test digits whose posteriors are checked
DRAWS = 200_000


@pytest.fixture(scope="module")
def model():
    store = PretrainedStore()
    return store.load_model(store.group("latent_map")["pairs"]["2"]["vae"])


@pytest.fixture(scope="module")
def test_images():
    return load_bundled_mnist().test_images


@pytest.fixture(scope="module", params=DIGITS)
def posterior(request, model, test_images):
    return posterior_of(model, test_images[request.param])


def test_the_posterior_is_the_encoders_mean_and_log_variance(model, test_images):
    with torch.inference_mode():
        expected = model.encode(torch.from_numpy(test_images[:5]))
    found = posterior_of(model, test_images[3])
    np.testing.assert_allclose(found.mean, expected.mean[3].numpy(), rtol=1e-5)
    np.testing.assert_allclose(found.logvar, expected.logvar[3].numpy(), rtol=1e-5)
    np.testing.assert_allclose(found.sigma, np.exp(expected.logvar[3].numpy() / 2), rtol=1e-5)


@pytest.mark.parametrize("scale", ELLIPSE_SCALES)
def test_the_ellipses_semi_axes_are_scale_times_the_models_sigma(posterior, scale):
    outline = ellipse_outline(posterior, scale, points=361)  # every degree: the axes' ends are on it
    centre = (outline.max(axis=0) + outline.min(axis=0)) / 2
    semi_axes = (outline.max(axis=0) - outline.min(axis=0)) / 2
    np.testing.assert_allclose(centre, posterior.mean, atol=1e-6)
    np.testing.assert_allclose(semi_axes, scale * posterior.sigma, rtol=1e-5)
    # axis-aligned: every point satisfies the ellipse's equation with no cross term
    np.testing.assert_allclose((((outline - posterior.mean) / (scale * posterior.sigma)) ** 2).sum(axis=1), 1,
                               rtol=1e-5)


def test_the_reparameterised_samples_have_mean_mu_and_variance_sigma_squared(posterior):
    samples = reparameterise(posterior, sample_epsilons(DRAWS, 2, seed=7))
    # five standard errors: of the mean, sigma / sqrt(n); of the variance, sigma^2 * sqrt(2 / (n - 1))
    np.testing.assert_array_less(np.abs(samples.mean(axis=0) - posterior.mean), 5 * posterior.sigma / np.sqrt(DRAWS))
    variance = samples.var(axis=0, ddof=1)
    np.testing.assert_array_less(np.abs(variance - posterior.sigma**2),
                                 5 * posterior.sigma**2 * np.sqrt(2 / (DRAWS - 1)))


def test_one_draw_is_mu_plus_sigma_times_its_epsilon(posterior):
    eps = epsilon(5, 2)
    np.testing.assert_allclose(reparameterise(posterior, eps), posterior.mean + posterior.sigma * eps, rtol=1e-6)


def test_each_draw_number_gives_its_own_reproducible_epsilon():
    np.testing.assert_array_equal(epsilon(3, 2), epsilon(3, 2))
    assert not np.allclose(epsilon(3, 2), epsilon(4, 2))


@pytest.mark.parametrize("scale", ELLIPSE_SCALES)
def test_the_share_of_draws_inside_an_ellipse_follows_the_closed_form(posterior, scale):
    eps = sample_epsilons(DRAWS, 2, seed=11)
    inside = (((reparameterise(posterior, eps) - posterior.mean) / (scale * posterior.sigma)) ** 2).sum(axis=1) <= 1
    share = share_inside(scale)
    assert abs(inside.mean() - share) < 5 * np.sqrt(share * (1 - share) / DRAWS)


def test_the_kl_matches_torch_distributions_closed_form(posterior):
    expected = torch.distributions.kl_divergence(
        torch.distributions.Normal(torch.from_numpy(posterior.mean), torch.from_numpy(posterior.sigma)),
        torch.distributions.Normal(0.0, 1.0)).numpy()
    np.testing.assert_allclose(kl_per_dimension(posterior), expected, rtol=1e-4)


def test_the_gradient_reaches_mu_and_sigma_through_the_reparameterised_form(posterior):
    eps = epsilon(2, 2)
    found = gradients(posterior, eps)
    np.testing.assert_allclose(found.by_mean, 1.0, rtol=1e-6)
    np.testing.assert_allclose(found.by_sigma, eps, rtol=1e-5)
    np.testing.assert_allclose(found.by_logvar, posterior.sigma * eps / 2, rtol=1e-4)


def test_a_direct_draw_carries_no_gradient_where_the_reparameterised_one_does(posterior):
    mean = torch.tensor(posterior.mean, requires_grad=True)
    sigma = torch.tensor(posterior.sigma, requires_grad=True)
    bell = torch.distributions.Normal(mean, sigma)
    assert not bell.sample().requires_grad  # drawn directly: cut off from mu and sigma
    bell.rsample().sum().backward()  # mu + sigma * eps inside
    assert torch.equal(mean.grad, torch.ones(2)) and sigma.grad is not None


def test_the_close_up_holds_the_outer_ellipse(posterior):
    low, high = close_up_window(posterior)
    outline = ellipse_outline(posterior, ELLIPSE_SCALES[-1])
    assert (outline > low).all() and (outline < high).all()


def test_the_whole_plane_holds_every_dot_and_the_close_up_at_one_scale(model, test_images):
    """Its ranges are given (Plotly's autorange under the equal scale was slow to draw): they must hold everything."""
    means, logvars = encode_posteriors(model, test_images[:50])
    far = Posterior.from_arrays(means[0] + 40.0, logvars[0])  # a digit of the student's, far from every test digit
    for posterior in (Posterior.from_arrays(means[3], logvars[3]), far):
        layout = posterior_figure(means, np.zeros(50, int), posterior, posterior.mean, means[:3], close_up=False,
                                  height=300).layout
        (x_low, x_high), (y_low, y_high) = layout.xaxis.range, layout.yaxis.range
        assert x_high - x_low == pytest.approx(y_high - y_low) and layout.yaxis.scaleanchor == "x"
        for (low, high), values in (((x_low, x_high), means[:, 0]), ((y_low, y_high), means[:, 1])):
            assert low < values.min() and values.max() < high
        square = layout.shapes[0]  # the close-up's square, outlined on the whole plane
        assert x_low < square.x0 < square.x1 < x_high and y_low < square.y0 < square.y1 < y_high


def test_the_figure_is_valid_plotly_and_a_click_on_a_dot_names_its_test_digit(model, test_images):
    means, logvars = encode_posteriors(model, test_images[:50])
    posterior = Posterior.from_arrays(means[7], logvars[7])
    labels = load_bundled_mnist().test_labels[:50]
    for close_up in (False, True):
        figure = posterior_figure(means, labels, posterior, posterior.mean, means[:3], close_up=close_up, height=300)
        go.Figure(figure.to_dict())  # validates every trace
        dots = next(trace for trace in figure.data if trace.legendgroup == DOTS_GROUP)
        numbers = np.asarray(dots.customdata)
        np.testing.assert_allclose(np.stack([dots.x, dots.y], axis=1), means[numbers])  # a dot's number is its own
        assert 7 in numbers and (len(numbers) == 50) != close_up  # the close-up sends only the dots near it
    assert clicked_digit([{"legendgroup": DOTS_GROUP, "customdata": 12}]) == 12
    assert clicked_digit([{"legendgroup": "other", "customdata": 3}, {"legendgroup": DOTS_GROUP,
                                                                      "customdata": [9]}]) == 9
    assert clicked_digit([{"curveNumber": 3}]) is None and clicked_digit([]) is None


def test_the_computation_graph_carries_the_digits_numbers(posterior):
    eps = epsilon(1, 2)
    graph = computation_graph(posterior, eps, reparameterise(posterior, eps), "test digit #12, a 3")
    assert graph.startswith("digraph") and f"{posterior.mean[0]:.3f}" in graph and f"{eps[1]:.3f}" in graph
    assert 'x [label="x\\ntest digit #12, a 3"]' in graph and "your digit" not in graph  # issue 26: no test digit
    # is called "your digit"


def test_the_stories_compare_like_with_like_and_name_the_neighbour_right():
    """Issue 26: a median against a median; a neighbour of the same digit is not "another digit"."""
    samples = DecodedSamples(np.zeros((28, 28)), np.zeros((4, 28, 28)), np.array([0.001, 0.001, 0.002, 0.010]))
    assert "error of 0.00150 (the median over the samples)" in alike_story(samples, 0.06)
    assert "40×" in alike_story(samples, 0.06)  # 0.06 / 0.0015, not 0.06 / the mean 0.0035
    assert neighbour_story(5, 3, 1.2, own_label=3).endswith("this cloud reaches the code of another 3.")
    assert neighbour_story(5, 3, 1.2, own_label=8).endswith("this cloud reaches the code of a 3, another digit.")
    assert "another digit" not in neighbour_story(5, 3, 1.2, own_label=None)


def test_random_pairs_never_pair_a_digit_with_itself_and_reach_every_digit():
    first, second = random_pairs(5, 400, seed=3)
    assert (first != second).all()
    assert set(first) == set(second) == set(range(5))
