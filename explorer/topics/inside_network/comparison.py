"""The fully connected AE against the conv AE: what the manifest recorded of each, and what it says."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from explorer.checkpoints.store import PretrainedFileError, PretrainedStore
from explorer.models.conv_ae import ConvAE
from explorer.models.mlp_ae import MLPAE
from explorer.topics.inside_network.shift import ShiftCurve

GROUP = "inside_network"


@dataclass(frozen=True)
class ModelFacts:
    name: str  # the shipped model's name in the manifest
    label: str  # what the page calls it
    parameters: int
    test_mse: float
    curve: ShiftCurve  # its test error against shift
    epochs: int


@dataclass(frozen=True)
class ShiftTrained:
    """The Bottleneck page's conv AE at the same k: the contrast of a model trained on shifted digits."""

    name: str
    max_shift: int  # its training digits were moved by up to this many pixels
    epochs: int
    curve: ShiftCurve


@dataclass(frozen=True)
class Pair:
    k: int
    max_shift: int  # the largest random shift either saw in training (0: none)
    mlp: ModelFacts
    conv: ModelFacts
    shift_trained: ShiftTrained


def read_pair(store: PretrainedStore) -> Pair:
    """The pair as the manifest lists it; a missing or malformed entry is named as the manifest's fault."""
    group = store.group(GROUP)
    try:
        curve = group["shift_curve"]

        def facts(role: str, label: str) -> ModelFacts:
            name = group[role]
            metrics = store.model_info(name)["metrics"]
            return ModelFacts(name, label, int(metrics["parameters"]), float(metrics["test_mse"]),
                              ShiftCurve(list(curve["shifts"]), [float(v) for v in curve[f"{role}_mse"]]),
                              int(store.model_info(name)["train"]["epochs"]))

        contrast = store.model_info(group["shift_trained"])["train"]
        shift_trained = ShiftTrained(group["shift_trained"], int(contrast["max_shift"]), int(contrast["epochs"]),
                                     ShiftCurve(list(curve["shifts"]), [float(v) for v in curve["shift_trained_mse"]]))
        return Pair(int(group["k"]), int(group["max_shift"]), facts("mlp", "fully connected AE"),
                    facts("conv", "conv AE"), shift_trained)
    except (KeyError, TypeError, ValueError) as error:
        raise PretrainedFileError(store.root / "manifest.json",
                                  f"its {GROUP} group lacks or garbles {error}") from None


ALIKE = 0.05  # errors added within 5% of each other count as about the same


def growth_in_words(pair: Pair) -> str:
    """How much error the largest shift adds to each model, and whether that is about the same: from the numbers.
    Not a ratio of the two growth ratios: a model that starts lower grows more times over for the same error
    added."""
    mlp, conv = pair.mlp.curve, pair.conv.curve
    words = (f"Shifted by {mlp.shifts[-1]} pixels, the {pair.mlp.label}'s error rises from {mlp.mse[0]:.4f} to "
             f"{mlp.mse[-1]:.4f} and the {pair.conv.label}'s from {conv.mse[0]:.4f} to {conv.mse[-1]:.4f}: ")
    larger, smaller = (pair.mlp, pair.conv) if mlp.added() > conv.added() else (pair.conv, pair.mlp)
    if larger.curve.added() - smaller.curve.added() <= ALIKE * smaller.curve.added():
        return words + (f"the shift **adds about the same error to both**, {mlp.added():.4f} and "
                        f"{conv.added():.4f} (within {ALIKE:.0%} of each other).")
    return words + (f"the shift **adds more error to the {larger.label}**, {larger.curve.added():.4f} against "
                    f"{smaller.curve.added():.4f}.")


NAMED_DIFFERENCES = ("max_shift", "epochs")  # the settings contrast_in_words names when the two models differ in them


def contrast_in_words(pair: Pair) -> str:
    """How the shift-trained contrast (the Bottleneck page's conv AE) differs from the conv AE, naming every way:
    the shifts it practised on, and the epochs (tests/unit/test_claims_inside_network.py checks that the manifest
    holds no other difference)."""
    trained = pair.shift_trained
    ways = []
    if trained.max_shift != pair.max_shift:
        ways.append(f"it was trained on digits moved at random by up to {trained.max_shift} pixels")
    if trained.epochs != pair.conv.epochs:
        ways.append(f"for {trained.epochs} epochs against {pair.conv.epochs}")
    count = {0: "no setting", 1: "one thing", 2: "two things"}[len(ways)]
    return f"it differs from the conv AE here in {count}" + (f": {', and '.join(ways)}" if ways else "")


def first_layer_weights(model: MLPAE | ConvAE) -> np.ndarray:
    """The first layer's weights as pictures, N x H x W: each fully connected unit's 784 weights as a 28 x 28
    image, or each convolution kernel (4 x 4 for the shipped conv AE)."""
    with torch.inference_mode():
        if isinstance(model, MLPAE):
            return model.encoder[1].weight.reshape(-1, 28, 28).numpy().copy()  # hidden x 28 x 28
        return model.encoder.net[0].weight[:, 0].numpy().copy()  # channels x 4 x 4


def strongest(weights: np.ndarray, count: int) -> np.ndarray:
    """The `count` weight pictures of largest norm, in their own order: the units that matter most."""
    norms = np.sqrt((weights.reshape(len(weights), -1) ** 2).sum(axis=1))
    return np.sort(np.argsort(-norms, kind="stable")[:count])


def as_grey(weights: np.ndarray) -> np.ndarray:
    """Signed weights -> [0, 1] pictures, mid grey for 0, white positive, black negative, one scale for all."""
    top = float(np.abs(weights).max())
    return 0.5 + 0.5 * weights / top if top > 0 else np.full_like(weights, 0.5)


def levels_in_words(pair: Pair) -> str:
    """Whose error is lower, shift by shift: one model at every shift, or which where."""
    mlp, conv = pair.mlp.curve, pair.conv.curve
    conv_lower = [c < m for c, m in zip(conv.mse, mlp.mse, strict=True)]
    if all(conv_lower) or not any(conv_lower):
        lower, higher = (pair.conv, pair.mlp) if all(conv_lower) else (pair.mlp, pair.conv)
        gaps = [h - low for h, low in zip(higher.curve.mse, lower.curve.mse, strict=True)]
        return (f"The {lower.label}'s error is the lower at every shift from {mlp.shifts[0]} to {mlp.shifts[-1]} "
                f"pixels, by {gaps[0]:.4f} unshifted and by {gaps[-1]:.4f} at {mlp.shifts[-1]} pixels.")
    where = ", ".join(str(s) for s, lower in zip(mlp.shifts, conv_lower, strict=True) if lower)
    return (f"The {pair.conv.label}'s error is the lower at shifts of {where} pixels only, "
            f"the {pair.mlp.label}'s elsewhere.")


def dense_share(model: MLPAE | ConvAE) -> float:
    """The fraction of a model's parameters that sit in fully connected (nn.Linear) layers."""
    dense = sum(p.numel() for module in model.modules() if isinstance(module, torch.nn.Linear)
                for p in module.parameters())
    return dense / sum(p.numel() for p in model.parameters())
