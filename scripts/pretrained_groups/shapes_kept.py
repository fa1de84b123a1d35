"""What the Shapes page says of its largest shipped β: how well its whole code tells each factor of the held-out
shapes (explorer/topics/shapes/kept.py), measured here once instead of on every server's first open. Trains
nothing, writes no file: seconds from the shapes group's shipped weights, so `--only shapes_kept` follows any
rebuild of that group."""

from __future__ import annotations

from explorer.checkpoints.store import PretrainedStore
from explorer.topics.shapes.kept import guesses_to_json, measure_shipped
from scripts.pretrained_groups.common import BuildContext, log


def build(ctx: BuildContext) -> dict:
    store = PretrainedStore(ctx.out)
    guesses = measure_shipped(store)
    log.info("shapes_kept: the largest β's code tells %s", {guess.factor: round(guess.right, 3) for guess in guesses})
    return {"models": {}, "info": guesses_to_json(store, guesses)}
