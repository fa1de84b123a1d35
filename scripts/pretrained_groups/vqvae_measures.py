"""What the VQ-VAE page shows of the vqvae group's shipped models, measured once when the app is built (GROUPS
builds vqvae first) by the page's own code (explorer/topics/vqvae/measured.py): how near real digits the decodes of
prior and uniform grids lie, and the test split's tokens. Seconds to build and no training, so after a retrain of
vqvae `--only vqvae_measures` brings it up to date; tests/unit/test_vqvae_claims.py measures it again and fails
until then."""

from __future__ import annotations

import numpy as np

from explorer.checkpoints.store import PretrainedStore
from explorer.topics.vqvae.measured import (
    CLOSENESS_KEY,
    TOKENS_FILE,
    TOKENS_KEY,
    closeness_to_json,
    measure_closeness,
    measure_test_tokens,
    tokens_to_arrays,
)
from scripts.pretrained_groups.common import BuildContext, log


def build(ctx: BuildContext) -> dict:
    store = PretrainedStore(ctx.out)
    close = measure_closeness(store, ctx.data)
    log.info("vqvae decodes, median MSE to the nearest training digit: prior %.4f, uniform %.4f, real %.4f",
             close.prior, close.uniform, close.real)
    np.savez_compressed(ctx.path(TOKENS_FILE), **tokens_to_arrays(measure_test_tokens(store, ctx.data)))
    return {"models": {}, "info": {CLOSENESS_KEY: closeness_to_json(close), TOKENS_KEY: ctx.relative(TOKENS_FILE)}}
