"""The MLP VAE that the Loss-balance page retrains live: its β-ELBO, term by term."""

import torch

from explorer.core.data import load_bundled_mnist
from explorer.models import MLPVAE, MLPVAEConfig
from explorer.models.gaussian import gaussian_kl


def digits(n: int = 64) -> torch.Tensor:
    return torch.from_numpy(load_bundled_mnist().train_images[:n])


def test_the_kl_term_matches_a_monte_carlo_estimate_of_the_models_own_posterior():
    torch.manual_seed(0)
    model = MLPVAE(MLPVAEConfig(latent_dim=4, beta=1.0))
    x = digits(3)
    with torch.no_grad():
        model.encoder[-1].weight.mul_(5.0)  # a posterior far from the prior: a KL worth measuring
        posterior = model.encode(x)
        std = (0.5 * posterior.logvar).exp()
        z = posterior.mean + std * torch.randn(100_000, *posterior.mean.shape)  # S x N x k
        log_q = torch.distributions.Normal(posterior.mean, std).log_prob(z).sum(-1)
        log_p = torch.distributions.Normal(0.0, 1.0).log_prob(z).sum(-1)
        monte_carlo = (log_q - log_p).mean(dim=0).mean()  # batch mean, as loss() reports it
        torch.manual_seed(1)
        reported = model.loss(x).kl
    assert torch.allclose(reported, monte_carlo, rtol=0.02)
    assert torch.allclose(reported, gaussian_kl(posterior).sum(1).mean())


def test_beta_zero_is_a_plain_reconstruction_objective():
    x = digits(16)
    gradients = []
    for beta in (0.0, 1.0):
        torch.manual_seed(0)
        model = MLPVAE(MLPVAEConfig(latent_dim=4, beta=beta))
        torch.manual_seed(1)  # the same reparameterisation noise for both
        parts = model.loss(x)
        if beta == 0.0:
            assert parts.kl > 0 and torch.equal(parts.total, parts.recon)
        parts.total.backward()
        gradients.append(model.encoder[-1].weight.grad.clone())
    assert not torch.allclose(gradients[0], gradients[1])  # the KL pulls on the encoder only when β > 0


def test_loss_is_reconstruction_plus_beta_times_kl():
    torch.manual_seed(0)
    parts = MLPVAE(MLPVAEConfig(latent_dim=3, beta=4.0)).loss(digits(8))
    assert torch.allclose(parts.total, parts.recon + 4.0 * parts.kl)


def test_a_training_step_lowers_the_loss():
    torch.manual_seed(0)
    model = MLPVAE(MLPVAEConfig(latent_dim=8, beta=1.0))
    x = digits(128)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    torch.manual_seed(2)
    before = model.loss(x).total.item()
    for _ in range(3):
        optimizer.zero_grad()
        model.loss(x).total.backward()
        optimizer.step()
    torch.manual_seed(2)
    assert model.loss(x).total.item() < before
