"""The Diffusion page's widget keys, named once: view links, lesson links and the tests know the widgets by them."""

SAMPLER = "diffusion_sampler"
STEPS = "diffusion_steps"  # DDIM's number of steps
SEED = "diffusion_seed"
FROM_IMAGE = "diffusion_from_image"  # start from a noised test digit instead of pure static
START_IMAGE = "diffusion_start_image"
START_STEP = "diffusion_start_step"
SCHEDULE = "diffusion_schedule"  # the forward picture's noise schedule
IMAGE = "diffusion_image"  # the forward picture's test digit

REVERSE_CHART = "diffusion_reverse"
FORWARD_CHART = "diffusion_forward"
LATENT_CHART = "diffusion_latent"
QUALITY_CHART = "diffusion_quality"
FORWARD_GIF, REVERSE_GIF, SAMPLES_PNG = "diffusion_forward", "diffusion_reverse", "diffusion_samples"
