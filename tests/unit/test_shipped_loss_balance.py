"""The shipped reference runs trace a rate-distortion curve: more β, less KL, worse reconstruction."""

from explorer.checkpoints.store import PRETRAINED_DIR, PretrainedStore
from explorer.topics.loss_balance.references import read_reference
from explorer.topics.loss_balance.settings import REFERENCE_BETAS


def test_every_reference_beta_is_shipped_and_trades_rate_for_distortion():
    store = PretrainedStore(PRETRAINED_DIR)
    runs = store.manifest["groups"]["loss_balance"]["runs"]
    assert sorted(float(beta) for beta in runs) == list(REFERENCE_BETAS)
    references = [read_reference(beta, runs[f"{beta:g}"]["model"], store.load_arrays(runs[f"{beta:g}"]["arrays"]))
                  for beta in REFERENCE_BETAS]
    rates = [ref.rate for ref in references]
    distortions = [ref.distortion for ref in references]
    assert rates == sorted(rates, reverse=True)
    assert distortions == sorted(distortions)
    for ref in references:
        assert store.load_model(ref.name).config.beta == ref.beta
