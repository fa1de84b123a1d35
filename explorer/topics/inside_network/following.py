"""Do the conv layers' feature maps move with the digit? Each conv slides its filter in steps of 2 pixels of its
input (stride 2), so a map can only move by whole steps: measured here, layer by layer and shift by shift, by
how far the maps of a moved digit are from the unmoved digit's maps moved the same way. Measured when the app is
built (the inside_network_measures group, read by the page: measuring took a server's first open a third of a
second)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import torch

from explorer.checkpoints.store import PretrainedStore
from explorer.models.conv_ae import ConvAE
from explorer.topics.inside_network.comparison import GROUP
from explorer.topics.inside_network.layers import ACTIVATIONS
from explorer.topics.inside_network.shift import SHIFTS, shift_images, shifted

FOLLOWS = 0.05  # a layer's maps follow a shift when they are under 5% off the unmoved maps moved along
MEASURED_DIGITS = 500  # test digits, each moved right: enough for two decimals
MEASURES_GROUP = "inside_network_measures"  # the page's numbers measured when the app is built (seconds)
FOLLOWING_KEY = "following"


@dataclass(frozen=True)
class Following:
    shifts: list[int]  # pixels, each above 0
    steps: list[int]  # per encoder layer: how many pixels of the digit one place of its maps spans (2, then 4)
    off: list[list[float]]  # per layer, per shift: mean share by which the maps differ from the moved maps

    def follows(self, layer: int, shift: int) -> bool:
        return self.off[layer][self.shifts.index(shift)] < FOLLOWS


@torch.inference_mode()
def encoder_maps(model: ConvAE, images: np.ndarray) -> list[np.ndarray]:
    """N x C x H x W: the maps after each conv layer of the encoder (after its activation), as the page shows them."""
    x = torch.from_numpy(np.asarray(images, np.float32).reshape(-1, 1, 28, 28))
    layers, maps = list(model.encoder.net), []
    for i, layer in enumerate(layers):
        x = layer(x)
        following = layers[i + 1] if i + 1 < len(layers) else None
        if x.dim() == 4 and not isinstance(following, ACTIVATIONS):
            maps.append(x.numpy().copy())
    return maps


def _off(moved: np.ndarray, unmoved: np.ndarray, blank: np.ndarray, places: int) -> float:
    """Per-image mean of |maps of the moved digit - unmoved maps moved by `places`| / |maps of the moved digit|,
    both measured from what a blank picture gives (a map's background is its bias, not 0)."""
    expected = shift_images(unmoved - blank, 0, places)
    found = (moved - blank).reshape(len(moved), -1)
    difference = np.linalg.norm(found - expected.reshape(len(moved), -1), axis=1)
    return float(np.mean(difference / np.maximum(np.linalg.norm(found, axis=1), 1e-12)))


def measure_following(model: ConvAE, images: np.ndarray, shifts=SHIFTS[1:]) -> Following:
    """`images`: N x 28 x 28 digits, each moved right by every shift; a shift between two whole steps is compared
    with both and keeps the nearer."""
    unmoved, blank = encoder_maps(model, images), encoder_maps(model, np.zeros((1, 28, 28)))
    steps = [28 // maps.shape[-1] for maps in unmoved]
    off = [[] for _ in unmoved]
    for pixels in shifts:
        moved = encoder_maps(model, shifted(images, pixels, "right"))
        for layer, step in enumerate(steps):
            places = sorted({pixels // step, -(-pixels // step)})
            off[layer].append(min(_off(moved[layer], unmoved[layer], blank[layer], p) for p in places))
    return Following(list(shifts), steps, off)


def measure_shipped(store: PretrainedStore, test_images: np.ndarray) -> Following:
    """measure_following of the shipped conv AE on the first MEASURED_DIGITS of the test split (N x 1 x 28 x 28):
    the build's step, and its test's."""
    return measure_following(store.load_model(store.group(GROUP)["conv"]), test_images[:MEASURED_DIGITS, 0])


def following_to_json(found: Following) -> dict:
    return asdict(found)


def shipped_following(store: PretrainedStore) -> Following:
    """What was measured when the app was built; PretrainedFileError naming the rebuild when the build lacks it."""
    return Following(**store.measured(MEASURES_GROUP, FOLLOWING_KEY))


def _or(values: list[str]) -> str:
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]


def share_words(value: float) -> str:
    return "under 0.1%" if value < 0.001 else f"{value:.1%}" if value < 0.1 else f"{value:.0%}"


def following_summary(found: Following) -> str:
    """In one clause: at which shifts each layer's maps move along with the digit."""
    kept = [[str(s) for s in found.shifts if found.follows(layer, s)] for layer in range(len(found.steps))]
    return "; ".join(f"layer {layer + 1}'s " + (f"at {_or(shifts).replace(' or ', ' and ')} pixels" if shifts
                                                 else "at none of the shifts")
                     for layer, shifts in enumerate(kept))


def following_words(found: Following) -> str:
    """Which shifts each layer's maps follow and which they do not, with how far off they are."""
    sentences = []
    for layer, step in enumerate(found.steps):
        off = dict(zip(found.shifts, found.off[layer], strict=True))
        kept = [s for s in found.shifts if found.follows(layer, s)]
        broken = [s for s in found.shifts if not found.follows(layer, s)]
        words = f"One place of encoder layer {layer + 1}'s maps spans {step} pixels of the digit"
        if kept:
            words += (f". Moved {_or([str(s) for s in kept])} pixels, a whole number of places, the digit takes its "
                      f"maps along ({' and '.join(share_words(off[s]) for s in kept)} off the unmoved maps moved "
                      f"{' and '.join(str(s // step) for s in kept)} place{'s' if kept[-1] > step else ''})")
        if broken:
            low, high = (share_words(f(off[s] for s in broken)) for f in (min, max))
            words += (f"{';' if kept else '.'} moved {_or([str(s) for s in broken])} pixels, between two places, "
                      f"its maps change: {low if low == high else f'{low} to {high}'} off, whichever way they "
                      "are moved")
        sentences.append(words + ".")
    return " ".join(sentences)
