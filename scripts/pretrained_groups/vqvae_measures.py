"""What the VQ-VAE page shows of the vqvae group's shipped models, measured once when the app is built (GROUPS
builds vqvae first) by the page's own code: how near real digits the decodes of prior and uniform grids lie.
Seconds to build and no training, so after a retrain of vqvae `--only vqvae_measures` brings it up to date;
tests/unit/test_vqvae_claims.py measures it again and fails until then."""

from __future__ import annotations

from explorer.checkpoints.store import PretrainedStore
from explorer.topics.vqvae.prior import CLOSENESS_KEY, closeness_to_json, measure_shipped_closeness
from scripts.pretrained_groups.common import BuildContext, log


def build(ctx: BuildContext) -> dict:
    close = measure_shipped_closeness(PretrainedStore(ctx.out), ctx.data)
    log.info("vqvae decodes, median MSE to the nearest training digit: prior %.4f, uniform %.4f, real %.4f",
             close.prior, close.uniform, close.real)
    return {"models": {}, "info": {CLOSENESS_KEY: closeness_to_json(close)}}
