"""The fully connected encoder and decoder that the MLP AE and VAE share: 784-hidden-out and back."""

from __future__ import annotations

from torch import nn

from explorer.core.data import PIXELS


def mlp_encoder(hidden_dim: int, out_features: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Flatten(),  # N x 784
        nn.Linear(PIXELS, hidden_dim),  # N x hidden: each unit weighs all 784 pixels
        nn.ReLU(),
        nn.Linear(hidden_dim, out_features),
    )


def mlp_decoder(latent_dim: int, hidden_dim: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Linear(latent_dim, hidden_dim),
        nn.ReLU(),
        nn.Linear(hidden_dim, PIXELS),
        nn.Sigmoid(),
        nn.Unflatten(1, (1, 28, 28)),  # N x 1 x 28 x 28
    )
