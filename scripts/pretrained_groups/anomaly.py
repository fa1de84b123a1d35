"""The Anomaly page's files: conv AEs that never saw one digit, and every test image's error."""

from __future__ import annotations

import numpy as np

from explorer.models import ConvAE, ConvAEConfig
from explorer.models.inference import per_image_mse, reconstruct
from explorer.training.fit import TrainConfig
from scripts.pretrained_groups.common import BuildContext

HELD_OUT = (0, 2, 7)  # the "anomalies"; 7 is close to 1s and 9s, so it is the hard case
# A narrow code leaves too little room to redraw an unseen digit well by chance.
CONFIG = ConvAEConfig(latent_dim=8, channels=(16, 32))
TRAIN = TrainConfig(epochs=8, batch_size=64, lr=2e-3, seed=0)
ERRORS_FILE = "test_errors.npz"


def model_name(digit: int) -> str:
    return f"anomaly_without_{digit}"


def build(ctx: BuildContext) -> dict:
    data = ctx.data
    models, errors = {}, {}
    for digit in HELD_OUT:
        name = model_name(digit)
        models[name] = ctx.train(
            name, lambda: ConvAE(CONFIG), TRAIN,
            train_images=data.train_images[data.train_labels != digit],
            test_images=data.test_images[data.test_labels != digit],  # its test metrics: normal digits only
        )
        # Every test image, the held-out digit included: the page's histograms, ROC and ranking.
        errors[name] = per_image_mse(data.test_images, reconstruct(ctx.trained[name], data.test_images))
    np.savez(ctx.path(ERRORS_FILE), labels=data.test_labels, **errors)
    info = {"models": {str(digit): model_name(digit) for digit in HELD_OUT}, "errors": ctx.relative(ERRORS_FILE),
            "score": "per-image MSE between test image and reconstruction"}
    return {"models": models, "info": info}
