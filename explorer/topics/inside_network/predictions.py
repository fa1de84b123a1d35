"""The Inside the network page's prediction: does a conv autoencoder cope with a moved digit?"""

from __future__ import annotations

from explorer.core.prediction import Prediction

CARD_ID = "inside_network_shift"
SHIFT = 3  # pixels: not the shift the page opens on (0)
COPES = 1.5  # a model copes when its error at SHIFT is under this many times its error on unmoved digits
CHOICES = {"conv": "the conv AE: its filters slide with the digit", "mlp": "the fully connected AE",
           "both": "both", "neither": "neither"}


def shift_prediction(curve: dict) -> Prediction:
    """`curve`: the manifest's shift curve ("shifts", "conv_mse", "mlp_mse", "shift_trained_mse")."""
    at = curve["shifts"].index(SHIFT)
    growth = {name: curve[f"{name}_mse"][at] / curve[f"{name}_mse"][0] for name in ("conv", "mlp", "shift_trained")}
    coping = [name for name in ("conv", "mlp") if growth[name] < COPES]
    answer = {0: "neither", 2: "both"}.get(len(coping)) or coping[0]
    return Prediction(
        card_id=CARD_ID,
        question=f"Move a test digit {SHIFT} pixels: which autoencoder still reconstructs it well?",
        choices=tuple(CHOICES.values()),
        answer=CHOICES[answer],
        measured=(f"Mean test error, unmoved → moved {SHIFT} pixels: conv AE {curve['conv_mse'][0]:.4f} → "
                  f"{curve['conv_mse'][at]:.4f} ({growth['conv']:.1f} times), fully connected AE "
                  f"{curve['mlp_mse'][0]:.4f} → {curve['mlp_mse'][at]:.4f} ({growth['mlp']:.1f} times)."),
        why=("The conv layers' maps do move with the digit, but the layer that makes the code is fully connected "
             "and weighs every place differently, and neither model saw a moved digit in training; the "
             f"Bottleneck page's model, trained with shifts, grows only {growth['shift_trained']:.1f} times."),
    )
