"""A digit's way through a conv autoencoder: the feature maps after each layer, the code, the maps back up.

The maps are read by walking the model's own Sequential stacks layer by layer, so the model is not changed:
the walk ends at exactly the code and the reconstruction that the model itself gives."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from explorer.models.conv_ae import ConvAE

ACTIVATIONS = (nn.ReLU, nn.Sigmoid)
MOST_ACTIVE = "active"
BY_NUMBER = "numbered"
CHANNEL_MODES = {MOST_ACTIVE: "the most active for this digit", BY_NUMBER: "from a channel number on"}


@dataclass(frozen=True)
class LayerTrace:
    image: np.ndarray  # 28 x 28, what went in
    encoder: list[np.ndarray]  # the maps after each encoder layer, each C x H x W (28 -> 14 -> 7)
    code: np.ndarray  # k numbers
    decoder: list[np.ndarray]  # the maps after each decoder layer, the last one 1 x 28 x 28: the reconstruction

    @property
    def reconstruction(self) -> np.ndarray:
        return self.decoder[-1][0]

    @property
    def mse(self) -> float:
        """The reconstruction's error: mean squared difference per pixel."""
        return float(np.mean((self.reconstruction - self.image) ** 2))


def _walk(net: nn.Sequential, x: torch.Tensor) -> tuple[list[np.ndarray], torch.Tensor]:
    """Run `net` one layer at a time; keep every image-shaped output once its activation has been applied."""
    layers = list(net)
    maps = []
    for i, layer in enumerate(layers):
        x = layer(x)
        following = layers[i + 1] if i + 1 < len(layers) else None
        if x.dim() == 4 and not isinstance(following, ACTIVATIONS):
            maps.append(x[0].numpy().copy())  # C x H x W
    return maps, x


@torch.inference_mode()
def trace(model: ConvAE, image: np.ndarray) -> LayerTrace:
    """One 28 x 28 (or 1 x 28 x 28) digit through the model, every stage kept."""
    x = torch.from_numpy(np.asarray(image, np.float32).reshape(1, 1, 28, 28))
    encoder_maps, code = _walk(model.encoder.net, x)
    decoder_maps, _ = _walk(model.decoder.net, code)
    return LayerTrace(image=x[0, 0].numpy().copy(), encoder=encoder_maps, code=code[0].numpy().copy(),
                      decoder=decoder_maps)


def pick_channels(maps: np.ndarray, mode: str, first: int, count: int) -> np.ndarray:
    """Which `count` channels of C x H x W maps to show: the most active (highest mean), or `count` in a row
    from channel `first` (0-based), wrapping round a layer with fewer channels."""
    channels = len(maps)
    if mode == MOST_ACTIVE:
        return np.argsort(-maps.reshape(channels, -1).mean(axis=1), kind="stable")[:count]
    if mode == BY_NUMBER:
        return (first + np.arange(min(count, channels))) % channels
    raise ValueError(f"unknown channel mode {mode!r}; known: {sorted(CHANNEL_MODES)}")


def shown_maps(maps: np.ndarray, channels: np.ndarray) -> np.ndarray:
    """The chosen channels scaled together into [0, 1] by their brightest value: a dim map stays dim beside
    a bright one, not stretched to look as busy."""
    shown = maps[channels]
    top = float(shown.max())
    return shown / top if top > 0 else np.zeros_like(shown)


def sizes_in_words(trace: LayerTrace) -> str:
    """How many numbers stand for the digit at each stage of the encoder, from the maps themselves."""
    stages = [f"{trace.image.size:,} pixels"]
    stages += [f"{len(maps)} maps of {maps.shape[1]} × {maps.shape[2]} ({maps.size:,} numbers)"
               for maps in trace.encoder]
    return " → ".join(stages + [f"a code of {len(trace.code)}"])
