"""The Inside the network page's prediction: does a conv autoencoder cope with a moved digit?"""

from __future__ import annotations

from explorer.core.prediction import Prediction
from explorer.topics.inside_network.comparison import Pair, contrast_in_words
from explorer.topics.inside_network.following import Following, share_words

CARD_ID = "inside_network_shift"
SHIFT = 3  # pixels: not the shift the page opens on (0)
COPES = 1.5  # a model copes when its error at SHIFT is under this many times its error on unmoved digits
CHOICES = {"conv": "the conv AE", "mlp": "the fully connected AE", "both": "both", "neither": "neither"}


def shift_prediction(pair: Pair, following: Following) -> Prediction:
    """`following`: how the conv AE's feature maps follow each shift (following.measure_following)."""
    curves = {"conv": pair.conv.curve, "mlp": pair.mlp.curve, "shift_trained": pair.shift_trained.curve}
    at = curves["conv"].shifts.index(SHIFT)
    growth = {name: curve.mse[at] / curve.mse[0] for name, curve in curves.items()}
    coping = [name for name in ("conv", "mlp") if growth[name] < COPES]
    answer = {0: "neither", 2: "both"}.get(len(coping)) or coping[0]
    layers = range(len(following.steps))
    follows = [following.follows(layer, SHIFT) for layer in layers]
    lead = ("both conv layers' feature maps move along with the digit" if all(follows) else
            "neither conv layer's feature maps simply move along with the digit" if not any(follows) else
            "only some of the conv layers' feature maps move along with the digit")
    offs = ", ".join(f"layer {layer + 1}'s {share_words(following.off[layer][following.shifts.index(SHIFT)])}"
                     for layer in layers)
    conv, mlp = pair.conv.curve, pair.mlp.curve
    return Prediction(
        card_id=CARD_ID,
        question=(f"Move the test digits {SHIFT} pixels: whose reconstruction error stays under {COPES:g} times its "
                  "error on unmoved digits?"),
        choices=tuple(CHOICES.values()),
        answer=CHOICES[answer],
        measured=(f"Mean test error, unmoved → moved {SHIFT} pixels: conv AE {conv.mse[0]:.4f} → "
                  f"{conv.mse[at]:.4f} ({growth['conv']:.1f} times), fully connected AE "
                  f"{mlp.mse[0]:.4f} → {mlp.mse[at]:.4f} ({growth['mlp']:.1f} times)."),
        why=(f"Moved {SHIFT} pixels, {lead} (off the unmoved maps moved along: {offs}), since each conv steps "
             f"{following.steps[0]} pixels at a time; the layer that makes the code is fully connected and weighs "
             "every place differently, and neither model saw a moved digit in training. "
             f"The Bottleneck page's conv AE grows only {growth['shift_trained']:.1f} times; "
             f"{contrast_in_words(pair)}."),
    )
