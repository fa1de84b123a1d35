"""Benchmarks by name: each module's run(runs) -> dict of what it measured."""

from scripts.benchmarks import (
    anomaly,
    bottleneck,
    classroom,
    denoising,
    diffusion,
    export,
    first_open,
    inside_network,
    latent_map,
    loss_balance,
    own_dataset_upload,
    shapes,
    sparse_codes,
    startup,
    vae_posterior,
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
    "vae_posterior": vae_posterior.run,
    "vqvae": vqvae.run,
    "sparse_codes": sparse_codes.run,
    "export": export.run,
    "inside_network": inside_network.run,
    "shapes": shapes.run,
    "first_open": first_open.run,
    "classroom": classroom.run,
    "own_dataset_upload": own_dataset_upload.run,
}
