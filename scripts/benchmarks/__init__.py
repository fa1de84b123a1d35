"""Benchmarks by name: each module's run(runs) -> dict of what it measured."""

from scripts.benchmarks import bottleneck, latent_map, startup

BENCHMARKS = {
    "startup": startup.run,
    "bottleneck": bottleneck.run,
    "latent_map": latent_map.run,
}
