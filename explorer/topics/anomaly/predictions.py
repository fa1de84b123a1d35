"""The Anomaly page's prediction: which unseen digit is hardest to flag by its reconstruction error?"""

from __future__ import annotations

import numpy as np

from explorer.core.prediction import Prediction

CARD_ID = "anomaly_hardest_to_flag"


def hardest_prediction(aucs: dict[int, float], errors: dict[int, np.ndarray], labels: np.ndarray) -> Prediction:
    """`aucs`: each shipped model's ROC AUC by the digit it never saw; `errors`: that model's error on every
    test image; `labels`: the test labels."""
    hardest = min(aucs, key=aucs.get)
    unseen = errors[hardest][labels == hardest].mean()
    seen = errors[hardest][labels != hardest].mean()
    listed = ", ".join(f"without {digit}s {aucs[digit]:.3f}" for digit in sorted(aucs))
    return Prediction(
        card_id=CARD_ID,
        question=("Which unseen digit is hardest to flag: its reconstruction errors the least apart from the seen "
                  "digits' (the lowest ROC AUC)?"),
        choices=tuple(str(digit) for digit in sorted(aucs)),
        answer=str(hardest),
        measured=(f"ROC AUC of each model's reconstruction error ({listed}): the chance that an unseen digit "
                  "scores a higher error than a normal one; 0.5 is a coin toss, 1 a perfect split."),
        why=(f"The error only flags digits that the autoencoder reconstructs badly, and the model that never saw "
             f"a {hardest} reconstructs unseen {hardest}s with a mean error of {unseen:.4f}, only "
             f"{unseen / seen:.1f} times the {seen:.4f} of the digits it saw."),
    )
