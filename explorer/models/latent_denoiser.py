"""An MLP that predicts the noise in a noisy VAE code: the latent twin of the pixel U-Net."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from explorer.models.time_embedding import TimeEmbedding


@dataclass(frozen=True)
class LatentDenoiserConfig:
    latent_dim: int = 16  # k of the VAE whose codes it denoises
    hidden_dim: int = 256
    time_dim: int = 64
    layers: int = 3  # hidden layers, each with the step added in


class LatentDenoiser(nn.Module):
    family = "latent_denoiser"

    def __init__(self, config: LatentDenoiserConfig):
        super().__init__()
        self.config = config
        self.time = TimeEmbedding(config.time_dim)
        self.inp = nn.Linear(config.latent_dim, config.hidden_dim)
        self.hidden = nn.ModuleList(nn.Linear(config.hidden_dim, config.hidden_dim) for _ in range(config.layers))
        self.time_shift = nn.ModuleList(nn.Linear(config.time_dim, config.hidden_dim) for _ in range(config.layers))
        self.out = nn.Linear(config.hidden_dim, config.latent_dim)
        self.act = nn.SiLU()
        # The VAE's codes are standardised per dimension before diffusion (as Stable Diffusion
        # scales its latents), so that the noise N(0, I) is on the same scale as the signal.
        self.register_buffer("code_mean", torch.zeros(config.latent_dim))
        self.register_buffer("code_std", torch.ones(config.latent_dim))

    def set_code_statistics(self, codes: torch.Tensor) -> None:
        self.code_mean.copy_(codes.mean(dim=0))
        self.code_std.copy_(codes.std(dim=0))

    def standardise(self, codes: torch.Tensor) -> torch.Tensor:
        return (codes - self.code_mean) / self.code_std

    def unstandardise(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.code_std + self.code_mean

    def forward(self, z: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        t_emb = self.time(t)  # N x time_dim
        h = self.inp(z)  # N x hidden
        for layer, shift in zip(self.hidden, self.time_shift, strict=True):
            h = h + layer(self.act(h + shift(t_emb)))  # residual, so depth does not hurt training
        return self.out(self.act(h))  # N x latent_dim: the predicted noise
