"""Model families behind one interface, rebuilt from (family, config dict)."""

from __future__ import annotations

from dataclasses import asdict, fields

from torch import nn

from explorer.models.base import Autoencoder
from explorer.models.conv_ae import ConvAE, ConvAEConfig
from explorer.models.conv_vae import ConvVAE, ConvVAEConfig
from explorer.models.digit_classifier import DigitClassifier, DigitClassifierConfig
from explorer.models.latent_denoiser import LatentDenoiser, LatentDenoiserConfig
from explorer.models.mlp_ae import MLPAE, MLPAEConfig
from explorer.models.mlp_vae import MLPVAE, MLPVAEConfig
from explorer.models.sparse_ae import SparseAE, SparseAEConfig
from explorer.models.token_prior import TokenPrior, TokenPriorConfig
from explorer.models.unet import UNet, UNetConfig
from explorer.models.vq_vae import VQVAE, VQVAEConfig

FAMILIES = {
    ConvAE.family: (ConvAE, ConvAEConfig),
    ConvVAE.family: (ConvVAE, ConvVAEConfig),
    MLPVAE.family: (MLPVAE, MLPVAEConfig),
    MLPAE.family: (MLPAE, MLPAEConfig),  # the Inside the network page's fully connected AE
    VQVAE.family: (VQVAE, VQVAEConfig),
    SparseAE.family: (SparseAE, SparseAEConfig),
    # Shipped networks that are not autoencoders: the diffusion page's denoisers and its judge.
    UNet.family: (UNet, UNetConfig),
    LatentDenoiser.family: (LatentDenoiser, LatentDenoiserConfig),
    DigitClassifier.family: (DigitClassifier, DigitClassifierConfig),
    TokenPrior.family: (TokenPrior, TokenPriorConfig),  # the VQ-VAE page's model of token grids
}


def _family(family: str):
    if family not in FAMILIES:
        raise ValueError(f"unknown model family {family!r}; known: {sorted(FAMILIES)}")
    return FAMILIES[family]


def config_from_dict(family: str, values: dict):
    """A family's config from plain JSON values (lists become the tuples the dataclass uses)."""
    config_class = _family(family)[1]
    known = {f.name for f in fields(config_class)}
    unknown = set(values) - known
    if unknown:
        raise ValueError(f"{family} config has unknown fields {sorted(unknown)}")
    return config_class(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})


def build_model(family: str, config) -> nn.Module:
    """A fresh network of `family`: an Autoencoder, or one of the shipped networks that is not (FAMILIES)."""
    model_class, config_class = _family(family)
    if not isinstance(config, config_class):
        config = config_from_dict(family, config)
    return model_class(config)


def config_to_dict(config) -> dict:
    return asdict(config)


__all__ = ["Autoencoder", "ConvAE", "ConvAEConfig", "ConvVAE", "ConvVAEConfig", "DigitClassifier",
           "DigitClassifierConfig", "LatentDenoiser", "LatentDenoiserConfig", "MLPVAE", "MLPVAEConfig", "SparseAE",
           "SparseAEConfig", "UNet", "UNetConfig", "MLPAE", "MLPAEConfig", "TokenPrior", "TokenPriorConfig", "VQVAE",
           "VQVAEConfig",
           "build_model", "config_from_dict", "config_to_dict", "FAMILIES"]
