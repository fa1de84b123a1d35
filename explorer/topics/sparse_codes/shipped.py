"""The shipped runs of the sparse autoencoder, as the manifest lists them: one per strength of the penalty."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.checkpoints.store import PretrainedFileError, PretrainedStore

GROUP = "sparse_codes"


@dataclass(frozen=True)
class ShippedRun:
    strength: float  # λ, the weight of the L1 penalty
    name: str  # the model's name in the manifest
    metrics: dict  # what the build measured on the test split

    @property
    def label(self) -> str:
        return f"λ = {self.strength:g}"


def shipped_runs(store: PretrainedStore) -> list[ShippedRun]:
    """The group's runs, weakest penalty first; a manifest without the group raises MissingGroupError."""
    runs = store.group(GROUP).get("runs")
    if not isinstance(runs, dict) or not runs:
        raise PretrainedFileError(store.root / "manifest.json", f"the {GROUP!r} group lists no runs",
                                  rebuild=f"python scripts/train_pretrained.py --only {GROUP}")
    listed = [ShippedRun(float(strength), name, store.model_info(name).get("metrics", {}))
              for strength, name in runs.items()]
    return sorted(listed, key=lambda run: run.strength)
