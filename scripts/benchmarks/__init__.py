"""Benchmarks by name: each module's run(runs) -> dict of what it measured."""

from scripts.benchmarks import (
    anomaly,
    bottleneck,
    denoising,
    diffusion,
    export,
    latent_map,
    loss_balance,
    sparse_codes,
    startup,
    vqvae,
)

BENCHMARKS = {
    "startup": startup.run,
    "bottleneck": bottleneck.run,
    "latent_map": latent_map.run,
    "diffusion": diffusion.run,
    "loss_balance": loss_balance.run,
    "denoising": denoising.run,
    "anomaly": anomaly.run,
    "vqvae": vqvae.run,
    "sparse_codes": sparse_codes.run,
    "export": export.run,
}
