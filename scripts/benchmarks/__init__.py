"""Benchmarks by name: each module's run(runs) -> dict of what it measured."""

from scripts.benchmarks import anomaly, bottleneck, denoising, diffusion, loss_balance, startup

BENCHMARKS = {
    "startup": startup.run,
    "bottleneck": bottleneck.run,
    "diffusion": diffusion.run,
    "loss_balance": loss_balance.run,
    "denoising": denoising.run,
    "anomaly": anomaly.run,
}
