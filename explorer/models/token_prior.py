"""A tiny prior over a VQ-VAE's token grids: a two-layer causal transformer that reads the 49 tokens row by
row and gives, at each cell, the probabilities of the K code indices given the cells before it (a GPT in
miniature). Sampling it cell by cell makes whole grids for the VQ-VAE to decode."""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn


@dataclass(frozen=True)
class TokenPriorConfig:
    codebook_size: int = 64  # K: the VQ-VAE's code indices
    cells: int = 49  # tokens per grid, read row by row
    width: int = 64  # the transformer's width
    layers: int = 2
    heads: int = 4
    dropout: float = 0.1  # 4,000 digits' grids are few: without it the prior learns them by heart


class TokenPrior(nn.Module):
    family = "token_prior"

    def __init__(self, config: TokenPriorConfig):
        super().__init__()
        self.config = config
        self.token = nn.Embedding(config.codebook_size + 1, config.width)  # the last index: "start of grid"
        self.position = nn.Parameter(torch.zeros(config.cells, config.width))
        nn.init.normal_(self.position, std=0.02)
        layer = nn.TransformerEncoderLayer(config.width, config.heads, dim_feedforward=2 * config.width,
                                           dropout=config.dropout, batch_first=True, norm_first=True)
        self.blocks = nn.TransformerEncoder(layer, config.layers, enable_nested_tensor=False)
        self.norm = nn.LayerNorm(config.width)
        self.head = nn.Linear(config.width, config.codebook_size)
        mask = torch.triu(torch.full((config.cells, config.cells), float("-inf")), diagonal=1)
        self.register_buffer("causal_mask", mask, persistent=False)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        """N x L tokens (L <= 49, row by row) -> N x L x K logits: at cell i, of the token at cell i, having
        seen cells 0 .. i-1 (the input is shifted by a start token)."""
        n, length = tokens.shape
        start = torch.full((n, 1), self.config.codebook_size, dtype=torch.long, device=tokens.device)
        inputs = torch.cat([start, tokens[:, :-1].long()], dim=1)  # N x L
        h = self.token(inputs) + self.position[:length]  # N x L x width
        h = self.blocks(h, mask=self.causal_mask[:length, :length], is_causal=True)
        return self.head(self.norm(h))  # N x L x K

    def nll_bits(self, tokens: torch.Tensor) -> torch.Tensor:
        """N x 49 tokens -> N: bits the prior needs to name each grid (its negative log2-likelihood)."""
        logits = self(tokens)
        nats = F.cross_entropy(logits.transpose(1, 2), tokens.long(), reduction="none").sum(1)
        return nats / math.log(2)

    @torch.inference_mode()
    def sample(self, count: int, generator: torch.Generator, temperature: float = 1.0) -> torch.Tensor:
        """count x 49 token grids, row by row, each cell drawn given the cells before it."""
        tokens = torch.zeros(count, 0, dtype=torch.long)
        for _ in range(self.config.cells):
            probe = torch.cat([tokens, torch.zeros(count, 1, dtype=torch.long)], dim=1)
            logits = self(probe)[:, -1] / temperature  # count x K
            drawn = torch.multinomial(logits.softmax(dim=1), 1, generator=generator)
            tokens = torch.cat([tokens, drawn], dim=1)
        return tokens
