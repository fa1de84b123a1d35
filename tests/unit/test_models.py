import pytest
import torch

from explorer.models import (
    MLPAE,
    MLPVAE,
    VQVAE,
    ConvAE,
    ConvAEConfig,
    ConvVAE,
    ConvVAEConfig,
    MLPAEConfig,
    MLPVAEConfig,
    SparseAE,
    SparseAEConfig,
    VQVAEConfig,
    build_model,
    config_to_dict,
)
from explorer.models.base import LossParts
from explorer.models.gaussian import GaussianPosterior, gaussian_kl

MODELS = [
    pytest.param(lambda k: ConvAE(ConvAEConfig(latent_dim=k)), id="conv_ae"),
    pytest.param(lambda k: ConvVAE(ConvVAEConfig(latent_dim=k)), id="conv_vae"),
    pytest.param(lambda k: ConvAE(ConvAEConfig(latent_dim=k, hidden_dim=32)), id="conv_ae_hidden"),
    pytest.param(lambda k: MLPVAE(MLPVAEConfig(latent_dim=k)), id="mlp_vae"),
    pytest.param(lambda k: MLPAE(MLPAEConfig(latent_dim=k)), id="mlp_ae"),
]


@pytest.fixture
def batch():
    torch.manual_seed(0)
    return torch.rand(5, 1, 28, 28)


@pytest.mark.parametrize("make", MODELS)
@pytest.mark.parametrize("k", [2, 16])
def test_shapes(make, k, batch):
    model = make(k)
    z = model.embed(batch)
    assert z.shape == (5, k)
    x_hat = model.decode(z)
    assert x_hat.shape == (5, 1, 28, 28)
    assert 0.0 <= x_hat.min() and x_hat.max() <= 1.0
    assert model.reconstruct(batch).shape == batch.shape


@pytest.mark.parametrize("make", MODELS)
def test_loss_holds_loss_and_its_parts(make, batch):
    parts = make(4).loss(batch)
    assert {"loss", "recon"} <= set(parts.named())
    assert all(value.ndim == 0 and torch.isfinite(value) for value in parts.named().values())


@pytest.mark.parametrize(("model", "names"), [
    (MLPAE(MLPAEConfig(latent_dim=4)), ["loss", "recon"]),
    (MLPVAE(MLPVAEConfig(latent_dim=4)), ["loss", "recon", "kl"]),
    (SparseAE(SparseAEConfig(latent_dim=4)), ["loss", "recon", "sparsity"]),
    (VQVAE(VQVAEConfig()), ["loss", "recon", "commitment"]),
], ids=["ae", "vae", "sparse_ae", "vq_vae"])
def test_every_familys_loss_parts_keep_the_names_the_manifest_records(model, names, batch):
    """The manifest records test_<name> for each of them: the names stay those of the shipped builds."""
    parts = model.loss(batch)
    assert list(parts.named()) == names
    floats = LossParts.from_named({name: value.item() for name, value in parts.named().items()})
    assert floats.named() == {name: value.item() for name, value in parts.named().items()}


def test_vae_encode_gives_mean_and_logvar(batch):
    posterior = ConvVAE(ConvVAEConfig(latent_dim=3)).encode(batch)
    assert posterior.mean.shape == posterior.logvar.shape == (5, 3)


def test_vae_loss_is_recon_plus_beta_kl(batch):
    torch.manual_seed(1)
    model = ConvVAE(ConvVAEConfig(latent_dim=3, beta=2.5))
    parts = model.loss(batch)
    assert torch.allclose(parts.total, parts.recon + 2.5 * parts.kl)


def test_vae_with_beta_zero_is_a_plain_reconstruction_objective(batch):
    model = ConvVAE(ConvVAEConfig(latent_dim=3, beta=0.0))
    parts = model.loss(batch)
    assert parts.kl > 0
    assert torch.equal(parts.total, parts.recon)


def test_gaussian_kl_matches_monte_carlo():
    torch.manual_seed(0)
    mean, logvar = torch.tensor([[0.7, -1.2]]), torch.tensor([[-0.5, 0.8]])
    std = (0.5 * logvar).exp()
    z = mean + std * torch.randn(400_000, 2)
    log_q = torch.distributions.Normal(mean, std).log_prob(z)
    log_p = torch.distributions.Normal(0.0, 1.0).log_prob(z)
    monte_carlo = (log_q - log_p).mean(dim=0)
    assert torch.allclose(gaussian_kl(GaussianPosterior(mean, logvar))[0], monte_carlo, atol=0.01)


def test_kl_is_zero_at_the_prior():
    zeros = torch.zeros(2, 4)
    assert torch.equal(gaussian_kl(GaussianPosterior(zeros, zeros)), zeros)


@pytest.mark.parametrize("make", MODELS)
def test_config_rebuilds_the_same_architecture(make):
    model = make(8)
    rebuilt = build_model(model.family, config_to_dict(model.config))
    assert rebuilt.config == model.config
    assert [p.shape for p in rebuilt.parameters()] == [p.shape for p in model.parameters()]


def test_unknown_config_field_is_refused():
    with pytest.raises(ValueError, match="unknown fields"):
        build_model("conv_ae", {"latent_dim": 2, "depth": 9})


def test_unknown_family_is_refused():
    with pytest.raises(ValueError, match="unknown model family"):
        build_model("gan", {})
