"""The shipped β runs on the shapes, as the manifest lists them, with the scores the build measured."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.checkpoints.store import PretrainedFileError, PretrainedStore
from explorer.topics.shapes.scores import CodeScores
from explorer.topics.shapes.settings import GROUP

SCORE_KEYS = ("mig", "gaps", "normalised_mi", "kl_per_dim")


@dataclass(frozen=True)
class ShippedRun:
    beta: float
    name: str  # the model's name in the manifest
    scores: CodeScores
    test_mse: float
    seed_migs: tuple[float, ...]  # MIG of the same training with each seed of the build, the shipped one first

    @property
    def mig_range(self) -> tuple[float, float]:
        return min(self.seed_migs), max(self.seed_migs)


def shipped_runs(store: PretrainedStore) -> list[ShippedRun]:
    """The group's runs, smallest β first; a manifest without the group raises MissingGroupError."""
    group = store.group(GROUP)
    runs, seed_migs = group.get("runs"), group.get("seed_migs", {})
    rebuild = f"python scripts/train_pretrained.py --only {GROUP}"
    if not isinstance(runs, dict) or not runs:
        raise PretrainedFileError(store.root / "manifest.json", f"the {GROUP!r} group lists no runs", rebuild)
    listed = []
    for beta, name in runs.items():
        metrics = store.model_info(name).get("metrics", {})
        if any(key not in metrics for key in SCORE_KEYS) or not seed_migs.get(beta):
            raise PretrainedFileError(store.root / "manifest.json", f"{name} has no disentanglement scores", rebuild)
        listed.append(ShippedRun(float(beta), name, CodeScores.from_json(metrics), float(metrics["test_mse"]),
                                 tuple(float(mig) for mig in seed_migs[beta])))
    return sorted(listed, key=lambda run: run.beta)
