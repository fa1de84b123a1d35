"""The Bottleneck page's prediction: as the code shrinks, which digit stays readable best?"""

from __future__ import annotations

import numpy as np

from explorer.core.prediction import Prediction, percent

CARD_ID = "bottleneck_digit_survives"
SMALL_K, LARGE_K = 4, 32  # a size the page does not open on, and one where nearly every digit is still read
DIGITS_ASKED = (0, 1, 5, 8)  # a round one, a thin one and two that look alike: each a guess a student makes


def read_right_by_digit(read_right: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """10 shares: of each digit's test reconstructions, how many the classifier reads as that digit."""
    return np.array([read_right[labels == digit].mean() for digit in range(10)])


def survival_prediction(small: np.ndarray, large: np.ndarray) -> Prediction:
    """`small` and `large`: read_right_by_digit at SMALL_K and LARGE_K."""
    asked = sorted(DIGITS_ASKED, key=lambda digit: -small[digit])
    best, worst = asked[0], asked[-1]
    shares = ", ".join(f"{digit}: {percent(large[digit])} → {percent(small[digit])}" for digit in DIGITS_ASKED)
    return Prediction(
        card_id=CARD_ID,
        question=(f"k drops from {LARGE_K} to {SMALL_K}: which digit survives best, the largest share of its "
                  "reconstructions still read right by the digit classifier?"),
        choices=tuple(str(digit) for digit in DIGITS_ASKED),
        answer=str(best),
        measured=(f"Share of each digit's test reconstructions that the digit classifier still reads right, "
                  f"k = {LARGE_K} → k = {SMALL_K}: {shares}."),
        why=(f"With only {SMALL_K} numbers the code keeps little more than which rough shape it is: "
             f"the {best} keeps {percent(small[best])} readable, while {percent(1 - small[worst])} of the {worst}s "
             "come back as another digit. Try k = 4 on the page with the digit you chose."),
    )
