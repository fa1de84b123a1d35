"""The measurements shipped with one (AE, VAE) pair, as the manifest and its arrays hold them: the classifier's
confidence (written by scripts/pretrained_groups/latent_map_scores.py) and the digit judge's verdicts, the
page's measure of whether a decode is a digit (scripts/pretrained_groups/judged_latent_map.py)."""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from explorer.models.digit_judge import JudgeScores, judged
from explorer.models.digit_likeness import DigitLikeness
from explorer.topics.latent_map.measures import UnsureShares
from explorer.topics.latent_map.sampling import STRIPS

ARRAYS = tuple(f"{part}_{strip.key}" for strip in STRIPS for part in ("confidence", "strip")) + tuple(
    f"{part}_{kind}" for kind in ("ae", "vae") for part in ("grid", "plane")) + ("draws_normal", "draws_fitted")


VERDICT_ARRAYS = tuple(f"realism_{strip.key}" for strip in STRIPS) + ("grid_ae", "grid_vae")


@dataclass(frozen=True)
class PairVerdicts:
    """The digit judge on one pair: how many decodes it calls real, and each decode's realism (1 or more: real)."""

    sets: dict[str, JudgeScores]  # by strip key, and "ae_redrawn", "vae_redrawn": held-out digits redrawn
    real: JudgeScores  # real held-out digits: the ceiling
    planes: dict[str, UnsureShares]  # by kind: where on the exact map the decodes are *not* judged real
    walks: dict  # pairs measured, each model's between_real and ends_real, the offered pairs
    arrays: dict[str, np.ndarray]  # VERDICT_ARRAYS: per strip draw and per grid cell of the exact maps

    def realism(self, strip_key: str) -> np.ndarray:
        return self.arrays[f"realism_{strip_key}"]

    def grid(self, kind: str) -> np.ndarray:
        """The realism of the decode of every cell of `kind`'s exact map (PCA or k = 2)."""
        return self.arrays[f"grid_{kind}"]


def pair_verdicts(group: dict, k: str, arrays: dict[str, np.ndarray]) -> PairVerdicts:
    """group: the manifest's digit_judge group; arrays: the pair's shipped realism file. KeyError if either lacks
    a part."""
    missing = [name for name in VERDICT_ARRAYS if name not in arrays]
    if missing:
        raise KeyError(f"the file lacks the arrays {missing}")
    pair = group["latent_map"][k]
    return PairVerdicts(
        sets=judged(group["pages"][f"latent_map_k{k}"]), real=JudgeScores.from_json(group["ladder"]["real"]),
        planes={kind: UnsureShares(**{field.name: values[field.name] for field in fields(UnsureShares)})
                for kind, values in pair["planes"].items()},
        walks=pair["walks"], arrays={name: arrays[name] for name in VERDICT_ARRAYS})


@dataclass(frozen=True)
class PairLikeness:
    k: int
    unsure: float  # below this confidence the classifier is unsure
    real: DigitLikeness  # the real test digits: the ceiling
    samples: dict[str, DigitLikeness]  # by strip key
    reconstructed: dict[str, DigitLikeness]  # each model's reconstructions of the test digits, by kind
    planes: dict[str, UnsureShares]  # where on each model's exact map the classifier is unsure
    walks: dict  # pairs measured, each model's mean_lowest and share_dipping, the offered pairs
    arrays: dict[str, np.ndarray]  # ARRAYS: per draw and per grid cell of the exact map, and decodes shown
    verdicts: PairVerdicts  # the digit judge's: what the page calls a digit

    def draws(self, source: str) -> np.ndarray:
        return self.arrays[f"draws_{source}"]

    def confidences(self, strip_key: str) -> np.ndarray:
        return self.arrays[f"confidence_{strip_key}"]

    def grid(self, kind: str) -> np.ndarray:
        """The classifier's confidence in the decode of every cell of `kind`'s exact map (PCA or k = 2)."""
        return self.arrays[f"grid_{kind}"]

    def strip_images(self, strip_key: str) -> np.ndarray:
        """The strip's first decodes, as the page shows them: STRIP_SHOWN x 28 x 28 in [0, 1]."""
        return self.arrays[f"strip_{strip_key}"] / 255.0

    def plane_images(self, kind: str) -> np.ndarray:
        """The decodes of the exact map's manifold_cells (logic.py), in [0, 1]."""
        return self.arrays[f"plane_{kind}"] / 255.0

    def share_unsure(self, strip_key: str) -> float:
        return float((self.confidences(strip_key) < self.unsure).mean())


def pair_likeness(group: dict, k: str, arrays: dict[str, np.ndarray], verdicts: PairVerdicts) -> PairLikeness:
    """group: the manifest's latent_map group; arrays: the pair's shipped file. KeyError if either lacks a part."""
    shared, pair = group["digit_likeness"], group["digit_likeness"][k]
    missing = [name for name in ARRAYS if name not in arrays]
    if missing:
        raise KeyError(f"the file lacks the arrays {missing}")
    return PairLikeness(
        k=int(k), unsure=shared["unsure_below"], real=DigitLikeness.from_json(shared["real_test"]),
        samples={key: DigitLikeness.from_json(values) for key, values in pair["samples"].items()},
        reconstructed={kind: DigitLikeness.from_json(values) for kind, values in pair["redrawn_test"].items()},
        planes={kind: UnsureShares(**{field.name: values[field.name] for field in fields(UnsureShares)})
                for kind, values in pair["planes"].items()},
        walks=pair["walks"], arrays={name: arrays[name] for name in ARRAYS}, verdicts=verdicts,
    )
