"""Each group is one folder of pretrained/, built by one module's build(ctx) -> {"models", "info"}."""

from scripts.pretrained_groups import anomaly, bottleneck, denoising, diffusion, latent_map, loss_balance

GROUPS = {
    "bottleneck": bottleneck.build,
    "latent_map": latent_map.build,
    "diffusion": diffusion.build,
    "loss_balance": loss_balance.build,
    "denoising": denoising.build,
    "anomaly": anomaly.build,
}
