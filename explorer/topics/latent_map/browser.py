"""What the Latent map's live decode sends to the browser: both models' decoders and real codes for one code size,
and the digit judge (the classifier and its reference digits' features), as arrays for explorer/core/packed_arrays.py.
The browser runs them in explorer/ui/latent_map/decoder_component/forward.js."""

from __future__ import annotations

import numpy as np
from torch import nn

from explorer.core.packed_arrays import pack_arrays
from explorer.models.base import Autoencoder
from explorer.models.digit_judge import DigitJudge
from explorer.topics.latent_map.logic import LatentSpace


def packed_decoders(models: dict[str, Autoencoder], codes: dict[str, np.ndarray], labels: np.ndarray) -> bytes:
    """Per model ("ae/...", "vae/..."): its decoder's weights, kept in float32 (in float16 the shipped decoders'
    pixels moved by up to about 1.6e-3, over the 1e-3 the browser may differ from the server by), and the bundled
    digits' codes (float16: a distance's third digit); and the digits' labels."""
    arrays = {"labels": labels}
    for kind, model in models.items():
        weights = {f"{kind}/decoder.{name}": value.detach().cpu().numpy()
                   for name, value in model.decoder.state_dict().items()}
        arrays |= weights | {f"{kind}/codes": codes[kind]}
    return pack_arrays(arrays, full=frozenset(name for name in arrays if "/decoder." in name))


def packed_judge(classifier: nn.Module, judge: DigitJudge) -> bytes:
    """The classifier's weights, and the reference digits' features and radii that count for realism (the balls
    no larger than the median, as explorer/core/realism.py keeps them), all in float16."""
    kept = judge.radii <= np.median(judge.radii)
    arrays = {f"classifier/{name}": value.detach().cpu().numpy() for name, value in classifier.state_dict().items()}
    return pack_arrays(arrays | {"judge/reference": judge.reference[kept], "judge/radii": judge.radii[kept]})


def map_inverse(space: LatentSpace) -> dict:
    """How a point (x, y) of an exact map becomes a code: code = origin + x * axes[0] + y * axes[1]."""
    latent_map = space.latent_map
    if latent_map.method == "pca":
        origin, axes = latent_map.centre, latent_map.axes
    else:  # the k = 2 plane: the point is the code
        origin, axes = np.zeros(2, np.float32), np.eye(2, dtype=np.float32)
    return {"origin": np.asarray(origin, float).tolist(), "axes": np.asarray(axes, float).tolist(),
            "extent": np.asarray(latent_map.extent, float).tolist(), "spacing": space.spacing}
