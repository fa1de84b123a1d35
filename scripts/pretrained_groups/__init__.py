"""Each group is one folder of pretrained/, built by one module's build(ctx) -> {"models", "info"}."""

from scripts.pretrained_groups import bottleneck, latent_map

GROUPS = {
    "bottleneck": bottleneck.build,
    "latent_map": latent_map.build,
}
