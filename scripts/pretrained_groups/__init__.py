"""Each group is one folder of pretrained/ (none for a group that writes no file), built by one module's
build(ctx) -> {"models", "info"}.

A full build runs them in this order; diffusion comes before diffusion_samples, made by its networks, and before
latent_map and vqvae, which are scored by its digit classifier; shapes_kept and a page's "_measures" group after the
group whose models they measure; digit_judge last: it judges the sample sets of the groups before it."""

from scripts.pretrained_groups import (
    anomaly,
    bottleneck,
    denoising,
    diffusion,
    diffusion_samples,
    digit_judge,
    inside_network,
    inside_network_measures,
    latent_map,
    loss_balance,
    shapes,
    shapes_kept,
    sparse_codes,
    vqvae,
    vqvae_measures,
)

GROUPS = {
    "bottleneck": bottleneck.build,
    "diffusion": diffusion.build,
    "diffusion_samples": diffusion_samples.build,
    "latent_map": latent_map.build,
    "loss_balance": loss_balance.build,
    "denoising": denoising.build,
    "anomaly": anomaly.build,
    "vqvae": vqvae.build,
    "vqvae_measures": vqvae_measures.build,
    "inside_network": inside_network.build,
    "inside_network_measures": inside_network_measures.build,
    "sparse_codes": sparse_codes.build,
    "shapes": shapes.build,
    "shapes_kept": shapes_kept.build,
    "digit_judge": digit_judge.build,
}

# The groups whose info also holds measurements of their shipped files alone (not of training): `--measure`
# adds them to a build that lacks them, or counts them again, without retraining.
MEASURES = {
    "diffusion": diffusion.measure,
}
