"""A VQ-VAE: a conv encoder to a 7 x 7 grid of vectors, each replaced by its nearest codebook entry, and a
conv decoder. Its code is the grid of 49 code indices (tokens), not numbers on a continuous scale."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from explorer.models.base import Autoencoder, LossParts, bce_per_image
from explorer.models.vector_quantiser import Quantised, VectorQuantiser

GRID = 7  # the code is a GRID x GRID grid of tokens


@dataclass(frozen=True)
class VQVAEConfig:
    codebook_size: int = 64  # K entries: each token is one of K code indices, log2(K) bits
    code_dim: int = 16  # D, the length of each encoder vector and codebook entry
    channels: tuple[int, int] = (32, 64)
    commitment: float = 0.25  # β of the commitment loss, the paper's value
    ema_decay: float = 0.99  # how slowly the codebook's running averages forget
    restart_below: float = 0.03  # an entry chosen under 3% as often as the average is moved onto a live vector

    @property
    def latent_dim(self) -> int:
        return GRID * GRID  # the code: one index per cell


class VQEncoder(nn.Module):
    def __init__(self, channels: tuple[int, int], code_dim: int):
        super().__init__()
        c1, c2 = channels
        self.net = nn.Sequential(
            nn.Conv2d(1, c1, 4, stride=2, padding=1), nn.ReLU(),  # N x c1 x 14 x 14
            nn.Conv2d(c1, c2, 4, stride=2, padding=1), nn.ReLU(),  # N x c2 x 7 x 7
            nn.Conv2d(c2, c2, 3, padding=1), nn.ReLU(),  # N x c2 x 7 x 7: each cell sees its neighbours
            nn.Conv2d(c2, code_dim, 1),  # N x D x 7 x 7
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


class VQDecoder(nn.Module):
    def __init__(self, channels: tuple[int, int], code_dim: int):
        super().__init__()
        c1, c2 = channels
        self.net = nn.Sequential(
            nn.Conv2d(code_dim, c2, 3, padding=1), nn.ReLU(),  # N x c2 x 7 x 7
            nn.ConvTranspose2d(c2, c1, 4, stride=2, padding=1), nn.ReLU(),  # N x c1 x 14 x 14
            nn.ConvTranspose2d(c1, 1, 4, stride=2, padding=1), nn.Sigmoid(),  # N x 1 x 28 x 28
        )

    def forward(self, e: torch.Tensor) -> torch.Tensor:
        return self.net(e)


class VQVAE(Autoencoder):
    family = "vq_vae"

    def __init__(self, config: VQVAEConfig):
        super().__init__(config)
        self.encoder = VQEncoder(config.channels, config.code_dim)
        self.quantiser = VectorQuantiser(config.codebook_size, config.code_dim, ema_decay=config.ema_decay,
                                         restart_below=config.restart_below)
        self.decoder = VQDecoder(config.channels, config.code_dim)

    @property
    def codebook(self) -> torch.Tensor:
        return self.quantiser.codebook  # K x D

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        """The encoder's vectors before the lookup: N x D x 7 x 7."""
        return self.encoder(x)

    def quantise(self, x: torch.Tensor) -> Quantised:
        return self.quantiser(self.encode(x))

    def tokens(self, x: torch.Tensor) -> torch.Tensor:
        """N x 7 x 7 code indices."""
        return self.quantise(x).tokens

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """The code as the interface wants it, N x 49: the code indices, row by row (as floats)."""
        return self.tokens(x).flatten(1).float()

    def decode_tokens(self, tokens: torch.Tensor) -> torch.Tensor:
        """N x 7 x 7 code indices -> N x 1 x 28 x 28 images."""
        return self.decoder(self.quantiser.lookup(tokens.long()))

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """N x 49 code indices (row by row) -> N x 1 x 28 x 28 images."""
        return self.decode_tokens(z.round().long().view(-1, GRID, GRID))

    def loss(self, x: torch.Tensor, target: torch.Tensor | None = None) -> LossParts[torch.Tensor]:
        quantised = self.quantise(x)
        recon = bce_per_image(self.decoder(quantised.vectors), x if target is None else target).mean()
        commitment = quantised.commitment.mean()
        return LossParts(total=recon + self.config.commitment * commitment, recon=recon,
                         extra={"commitment": commitment})
