"""Each group is one folder of pretrained/, built by one module's build(ctx) -> {"models", "info"}."""

from scripts.pretrained_groups import bottleneck, diffusion

GROUPS = {
    "bottleneck": bottleneck.build,
    "diffusion": diffusion.build,
}
