"""Benchmarks by name: each module's run(runs) -> dict of what it measured."""

from scripts.benchmarks import bottleneck, diffusion, startup

BENCHMARKS = {
    "startup": startup.run,
    "bottleneck": bottleneck.run,
    "diffusion": diffusion.run,
}
