"""Each group is one folder of pretrained/, built by one module's build(ctx) -> {"models", "info"}."""

from scripts.pretrained_groups import anomaly, bottleneck, denoising

GROUPS = {
    "bottleneck": bottleneck.build,
    "denoising": denoising.build,
    "anomaly": anomaly.build,
}
