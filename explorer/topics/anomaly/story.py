"""The Anomaly page's explanations, written from the shipped models' numbers so the words cannot drift from them.

The qualitative claims in these sentences (the unseen digit's error is above the normal digits', inkier
digits cost more error, the hardest digit to flag is a thin one that its model still reconstructs recognisably)
are checked against the shipped build by tests/unit/test_anomaly_claims.py.
"""

from __future__ import annotations

import numpy as np

from explorer.topics.anomaly.by_digit import DigitErrors
from explorer.topics.anomaly.logic import ThresholdResult


def digits_list(digits: list[int]) -> str:
    """[2, 3, 8] -> "2s, 3s and 8s"."""
    names = [f"{digit}s" for digit in digits]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def threshold_in_words(result: ThresholdResult, held_out: int, unseen: int, normal: int) -> str:
    """What a threshold does, said plainly, before any metric: how many of the `unseen` anomalies it catches, and
    how many of the `normal` images it flags by mistake."""
    caught = f"**Of the {unseen} unseen {held_out}s, {result.recall:.0%} are caught"
    wrong = f"{result.false_positive_rate:.0%} of the {normal} normal digits are wrongly flagged.**"
    if not result.flagged:
        return f"{caught}; {wrong} The threshold is above every test image's error: it flags none."
    return (f"{caught}; {wrong} The threshold flags {result.flagged} of the {unseen + normal:,} test images; "
            f"{result.precision:.0%} of them really are {held_out}s.")


def ranked_caption(held_out: int, shown: int, normal_labels: np.ndarray, normal_ink: float) -> str:
    """The caption of the highest-error images: how many are the unseen digit, and what the others are."""
    caught = f"{shown - len(normal_labels)} of the {shown} test images with the highest error are unseen {held_out}s"
    if not len(normal_labels):
        return caught + "."
    return (f"{caught}; the other {len(normal_labels)} are normal digits "
            f"({', '.join(str(label) for label in normal_labels)}) with on average {normal_ink:.1f} times the ink "
            "of a normal test digit (see *Why it fails* below).")


def why_it_works(by_digit: DigitErrors) -> str:
    unseen = by_digit.held_out
    return (
        "**Why it works.** The code is too small to copy any image stroke for stroke; it has room for the "
        f"shapes the autoencoder learned from. So, on average, it reconstructs the unseen {unseen}s less well: their "
        f"mean error is {by_digit.error_of(unseen):.4f}, the normal digits' {by_digit.normal_mean_error:.4f}."
    )


def why_it_fails(by_digit: DigitErrors, pixels: int) -> str:
    unseen, inkiest, thinnest = by_digit.held_out, by_digit.inkiest_normal, by_digit.thinnest_normal
    worst = by_digit.worst_normal
    shape = ("" if worst == inkiest else f"Ink is not all of it: the normal digit with the most error is {worst} "
             f"({by_digit.error_of(worst):.4f}), not the inkiest, so the shape of the strokes counts too. ")
    hiding = by_digit.normal_digits_above_unseen
    overlap = (f"Normal {digits_list(hiding)} average more error than the unseen {unseen}s: by error alone they "
               f"look, on average, more unusual than the digit the model never saw. " if hiding else
               f"No normal digit averages as much error as the unseen {unseen}s. ")
    return (
        f"**Why it fails.** The error is a mean over all {pixels} pixels. The black background is easy to "
        "reconstruct, so the misses sit along the strokes, and a digit with more ink has more places to miss. In "
        "the chart each dot is a test image and each disc a digit's mean: over the normal digits, more ink goes "
        f"with more error (correlation {by_digit.ink_error_correlation:.2f}, where 1 would be a perfect rising "
        f"line). The inkiest normal digit, {inkiest}, averages an error of {by_digit.error_of(inkiest):.4f}; "
        f"the thinnest, {thinnest}, {by_digit.error_of(thinnest):.4f}. " + shape + overlap
        + f"{by_digit.normal_above_unseen} of the {by_digit.normal_images} normal images score above the "
        f"{unseen}s' mean error, and they carry {by_digit.ink_of_normal_above_unseen:.1f} times the ink of the "
        "average normal image."
    )


def hardest_to_flag(aucs: dict[int, float], hardest: DigitErrors) -> str:
    """Which shipped model separates worst (`hardest`: its errors, from the model with the lowest AUC), and why."""
    digit = hardest.held_out
    if aucs[digit] > min(aucs.values()):
        raise ValueError(f"the model without {digit}s is not the one with the lowest AUC")
    others = ", ".join(f"{aucs[other]:.3f} without {other}s" for other in aucs if other != digit)
    return (
        f"Of the {len(aucs)} models, the one that never saw {digit}s separates worst (AUC {aucs[digit]:.3f}; "
        f"{others}). A {digit} is thin, with {hardest.ink_of(digit):.2f} times the ink of the other digits, so "
        "it has few pixels where a reconstruction can miss; and from the strokes of the other digits that model "
        f"still reconstructs most unseen {digit}s recognisably (pick {digit} and show *Random unseen digits* above)."
    )
