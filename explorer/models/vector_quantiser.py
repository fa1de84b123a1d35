"""The vector quantiser of a VQ-VAE (van den Oord et al. 2017): each encoder vector is replaced by its
nearest codebook entry, and the gradient is copied straight through the lookup.

The codebook learns by an exponential moving average (EMA) of the encoder vectors that chose each entry
(van den Oord et al., appendix A.1; Razavi et al. 2019), not by a codebook loss, and an entry that almost
nobody chooses is moved onto a vector in use (restart_below). The average moves each entry straight to the
mean of its vectors, whatever the optimiser's step size; the restarts keep every entry in play. Measured on
the bundled digits, 30 epochs each (scripts/pretrained_groups/vqvae.py): this version had the lowest test
error and no dead entry; a codebook loss, and the average without restarts, left entries unused and cost
error. The commitment loss still pulls the encoder towards the entries it chose.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn


@dataclass(frozen=True)
class Quantised:
    vectors: torch.Tensor  # N x D x H x W: the chosen entries, with the straight-through gradient to the input
    tokens: torch.Tensor  # N x H x W long: the index of each chosen entry (its code index)
    commitment: torch.Tensor  # per image: sum over cells of ||z_e - sg[e]||^2


def squared_distances(vectors: torch.Tensor, codebook: torch.Tensor) -> torch.Tensor:
    """M x D vectors, K x D codebook -> M x K squared Euclidean distances."""
    return (vectors.pow(2).sum(1, keepdim=True) - 2 * vectors @ codebook.T + codebook.pow(2).sum(1)[None]).clamp_min(0)


def nearest(vectors: torch.Tensor, codebook: torch.Tensor) -> torch.Tensor:
    """M x D -> M indices of the nearest entries (the first, on a tie)."""
    return squared_distances(vectors, codebook).argmin(dim=1)


def straight_through(z_e: torch.Tensor, e: torch.Tensor) -> torch.Tensor:
    """e in the forward pass, but its gradient goes to z_e unchanged: the lookup has no useful gradient."""
    return z_e + (e - z_e).detach()


class VectorQuantiser(nn.Module):
    def __init__(self, codebook_size: int, code_dim: int, *, ema_decay: float = 0.99, restart_below: float = 0.0,
                 epsilon: float = 1e-5):
        super().__init__()
        self.codebook_size, self.code_dim = codebook_size, code_dim
        self.ema_decay, self.epsilon = ema_decay, epsilon
        self.restart_below = restart_below  # an entry chosen less often than this share of its fair share restarts
        self.register_buffer("codebook", torch.randn(codebook_size, code_dim) * 0.1)  # K x D
        self.register_buffer("cluster_size", torch.zeros(codebook_size))  # EMA of how often each entry is chosen
        self.register_buffer("cluster_sum", self.codebook.clone())  # EMA of the sum of the vectors that chose it
        self.register_buffer("initialised", torch.zeros((), dtype=torch.bool))

    def lookup(self, tokens: torch.Tensor) -> torch.Tensor:
        """N x H x W code indices -> N x D x H x W entries."""
        return self.codebook[tokens].permute(0, 3, 1, 2)

    def forward(self, z_e: torch.Tensor) -> Quantised:
        """z_e: N x D x H x W encoder vectors."""
        n, d, h, w = z_e.shape
        flat = z_e.permute(0, 2, 3, 1).reshape(-1, d)  # (N*H*W) x D
        if self.training:
            self._initialise_from(flat.detach())
        tokens = nearest(flat.detach(), self.codebook)
        if self.training:
            self._ema_update(flat.detach(), tokens)
        chosen = self.codebook[tokens].view(n, h, w, d).permute(0, 3, 1, 2)  # N x D x H x W
        commitment = F.mse_loss(z_e, chosen.detach(), reduction="none").flatten(1).sum(1)
        return Quantised(straight_through(z_e, chosen), tokens.view(n, h, w), commitment)

    @torch.no_grad()
    def _initialise_from(self, flat: torch.Tensor) -> None:
        """The first training batch's own vectors (spread evenly through it) as the starting entries: entries
        drawn at random far from where the encoder puts its vectors would never be chosen."""
        if bool(self.initialised):
            return
        picks = torch.linspace(0, len(flat) - 1, self.codebook_size).long()
        self.codebook.copy_(flat[picks])
        self.cluster_sum.copy_(flat[picks])
        self.cluster_size.fill_(1.0)
        self.initialised.fill_(True)

    @torch.no_grad()
    def _ema_update(self, flat: torch.Tensor, tokens: torch.Tensor) -> None:
        one_hot = F.one_hot(tokens, self.codebook_size).type(flat.dtype)  # M x K
        self.cluster_size.lerp_(one_hot.sum(0), 1 - self.ema_decay)
        self.cluster_sum.lerp_(one_hot.T @ flat, 1 - self.ema_decay)
        # Laplace smoothing keeps an entry that nobody chose from dividing by zero.
        total = self.cluster_size.sum()
        size = (self.cluster_size + self.epsilon) / (total + self.codebook_size * self.epsilon) * total
        self.codebook.copy_(self.cluster_sum / size[:, None])
        self._restart_unused(flat)

    @torch.no_grad()
    def _restart_unused(self, flat: torch.Tensor) -> None:
        """An entry that (on the running average) almost nobody chooses is moved onto one of this batch's
        vectors, drawn at random (torch's global generator, seeded by the trainer): otherwise an entry left
        behind where the encoder no longer puts vectors stays unused for good (Dhariwal et al. 2020, Jukebox)."""
        if self.restart_below <= 0:
            return
        fair = self.cluster_size.sum() / self.codebook_size
        unused = torch.nonzero(self.cluster_size < self.restart_below * fair).flatten()
        if len(unused) == 0:
            return
        picks = flat[torch.randint(0, len(flat), (len(unused),))]
        grace = 2 * self.restart_below * fair  # a restarted entry has about a hundred batches to be chosen
        self.codebook[unused] = picks
        self.cluster_sum[unused] = picks * grace
        self.cluster_size[unused] = grace
