"""Benchmarks by name: each module's run(runs) -> dict of what it measured."""

from scripts.benchmarks import anomaly, bottleneck, denoising, startup

BENCHMARKS = {
    "startup": startup.run,
    "bottleneck": bottleneck.run,
    "denoising": denoising.run,
    "anomaly": anomaly.run,
}
