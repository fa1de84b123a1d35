"""The Diffusion page's prediction: how much more arithmetic is a step in pixels than a step in codes?"""

from __future__ import annotations

from explorer.core.prediction import Band, Prediction, band_of
from explorer.topics.diffusion.cost import StepCost

CARD_ID = "diffusion_step_cost"
BANDS = (Band("under 4 times", 0, 4), Band("4 to 30 times", 4, 30), Band("30 times or more", 30, float("inf")))


def step_cost_prediction(pixel: StepCost, latent: StepCost) -> Prediction:
    """The two shipped denoisers' costs of one step: the U-Net on pixels, the MLP on codes."""
    weights = pixel.parameters / latent.parameters
    work = pixel.multiply_adds / latent.multiply_adds
    return Prediction(
        card_id=CARD_ID,
        question=(f"The U-Net has {weights:.1f} times the weights of the latent MLP. "
                  "How many times the arithmetic is its step?"),
        choices=tuple(band.label for band in BANDS),
        answer=band_of(work, BANDS),
        measured=(f"One denoising step of one image: U-Net {pixel.multiply_adds / 1e6:,.1f} million multiply-adds "
                  f"with {pixel.parameters:,} weights, MLP {latent.multiply_adds / 1e6:,.2f} million with "
                  f"{latent.parameters:,}: {work:,.0f} times the work for {weights:.1f} times the weights."),
        why=(f"A convolution uses each of its weights at every position of the picture (the U-Net, "
             f"{pixel.uses_per_weight:,.0f} times per weight on average), a fully connected layer once "
             f"(the MLP, {latent.uses_per_weight:.1f}): that is why diffusion in a short code is cheap."),
    )
