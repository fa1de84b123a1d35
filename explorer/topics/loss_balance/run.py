"""Starting a Loss-balance run: the data it trains on and where it starts (a shipped run or a seed)."""

from __future__ import annotations

from explorer.core.data import BUNDLED, DigitData, subset
from explorer.core.runtime import seed_everything
from explorer.models import MLPVAE
from explorer.models.base import Autoencoder
from explorer.topics.loss_balance.references import ReferenceRun
from explorer.topics.loss_balance.settings import (
    LIVE_TEST_IMAGES,
    LIVE_TRAIN_IMAGES,
    SEED,
    RunSettings,
    model_config,
    nearest_reference,
)
from explorer.training.live import DeferredWarmUp, LiveRun


def live_subset(data: DigitData) -> DigitData:
    """The data a live run trains on: at most LIVE_*_IMAGES of each split, the same ones every time."""
    return subset(data, train=LIVE_TRAIN_IMAGES, test=LIVE_TEST_IMAGES, seed=SEED)


def warm_start_from(settings: RunSettings, references: list[ReferenceRun]) -> ReferenceRun | None:
    """The shipped run a new run starts from, or None when it starts from scratch: warm starts need the
    shipped runs' k and the bundled data they were trained on."""
    if not (settings.warm and settings.dataset == BUNDLED and references):
        return None
    beta = nearest_reference(settings.beta)
    return next((ref for ref in references if ref.beta == beta), None)


def new_model(settings: RunSettings, warm_from: Autoencoder | None = None) -> MLPVAE:
    """A seeded MLP VAE at the run's β; with `warm_from`, its weights copied from that shipped run."""
    seed_everything(SEED)
    model = MLPVAE(model_config(settings.beta, settings.latent_dim))
    if warm_from is not None:
        model.load_state_dict(warm_from.state_dict())
    return model


def begin_run(settings: RunSettings, device: str, warm_from: Autoencoder | None,
              warm_up: DeferredWarmUp) -> LiveRun:
    """A new run, once the server's warm-up is done (it no longer draws on torch's seeded generator)."""
    warm_up.join()
    return LiveRun(settings=settings, model=new_model(settings, warm_from), device=device)
