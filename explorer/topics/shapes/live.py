"""A student's own β run on the shapes: warm-started from the nearest shipped run, and scored against the true
factors after every epoch, so the page can stream its MIG and its factor matrix as it learns."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from explorer.core.runtime import seed_everything
from explorer.core.shapes import ShapesData
from explorer.models import MLPVAE
from explorer.models.base import Autoencoder, LossParts
from explorer.topics.shapes.scores import CodeScores, score_code
from explorer.topics.shapes.settings import SEED, ShapesRunSettings, model_config
from explorer.training.fit import EpochReport
from explorer.training.live import DeferredWarmUp, LiveRun

SHOWN = 8  # held-out shapes reconstructed every epoch: two of each kind


@dataclass(frozen=True)
class ShapesEpochView:
    epoch: int
    epochs: int
    test: LossParts[float]  # on the held-out shapes, mean per image
    images_per_second: float
    scores: CodeScores  # over every shape
    reconstructions: np.ndarray  # SHOWN x 1 x 28 x 28


def probe_indices(shapes: ShapesData, test: np.ndarray) -> np.ndarray:
    """SHOWN fixed held-out shapes, two of each kind: the first of each in the held-out order, then the last."""
    kinds = shapes.factors[test, 0]
    firsts = [test[np.flatnonzero(kinds == kind)[0]] for kind in range(len(shapes.shape_names))]
    lasts = [test[np.flatnonzero(kinds == kind)[-1]] for kind in range(len(shapes.shape_names))]
    return np.array(firsts + lasts)[:SHOWN]


@torch.inference_mode()
def view_epoch(shapes: ShapesData, probe: np.ndarray, model: Autoencoder, report: EpochReport) -> ShapesEpochView:
    model.eval()  # fit() sets train() again at its next epoch
    reconstructions = model.reconstruct(torch.from_numpy(shapes.images[probe])).numpy()
    return ShapesEpochView(epoch=report.epoch, epochs=report.epochs, test=report.test.loss,
                           images_per_second=report.images_per_second, scores=score_code(model, shapes),
                           reconstructions=reconstructions)


def begin_run(settings: ShapesRunSettings, device: str, warm_from: Autoencoder,
              warm_up: DeferredWarmUp) -> LiveRun:
    """A new run at the settings' β with the weights of `warm_from`, once the server's warm-up (which draws on
    torch's seeded generator) is done."""
    warm_up.join()
    seed_everything(SEED)
    model = MLPVAE(model_config(settings.beta))
    model.load_state_dict(warm_from.state_dict())
    return LiveRun(settings=settings, model=model, device=device)
