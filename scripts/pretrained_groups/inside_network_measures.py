"""What the Inside the network page shows of the inside_network group's conv AE, measured once when the app is
built (GROUPS builds inside_network first) by the page's own code: how its feature maps follow a moved digit.
Seconds to build and no training, so after a retrain of inside_network `--only inside_network_measures` brings it
up to date; tests/unit/test_claims_inside_network.py measures it again and fails until then."""

from __future__ import annotations

from explorer.checkpoints.store import PretrainedStore
from explorer.topics.inside_network.following import FOLLOWING_KEY, following_to_json, measure_shipped
from scripts.pretrained_groups.common import BuildContext, log


def build(ctx: BuildContext) -> dict:
    found = measure_shipped(PretrainedStore(ctx.out), ctx.data.test_images)
    log.info("inside_network conv AE, maps off the moved maps by shift %s: %s", found.shifts,
             [[round(value, 4) for value in layer] for layer in found.off])
    return {"models": {}, "info": {FOLLOWING_KEY: following_to_json(found)}}
