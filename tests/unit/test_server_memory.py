"""What one server holds for every session: caches whose keys follow a student's choices keep a bounded number
of entries (counted by how often the cached function computes again, its work replaced by a counter), and data
that several pages use is held once."""

from explorer.core.data import BUNDLED
from explorer.ui.loss_balance.loaders import live_dataset
from explorer.ui.shared.resources import bundled_data
from explorer.ui.vqvae import loaders


def test_vqvae_samples_keep_only_the_most_recent_seeds(monkeypatch):
    computed = []
    monkeypatch.setattr(loaders, "pretrained_model", lambda name: name)
    monkeypatch.setattr(loaders, "digit_classifier", lambda: "judge")
    monkeypatch.setattr(loaders, "prior_samples", lambda model, prior, judge, count, seed: computed.append(seed))
    monkeypatch.setattr(loaders, "uniform_samples", lambda model, judge, count, seed: seed)
    loaders.sample_pair.clear()
    try:
        kept = loaders.SAMPLE_PAIRS_KEPT
        for seed in range(kept + 1):  # one more seed than is kept: the first goes
            loaders.sample_pair("vq", "prior", 12, seed)
        loaders.sample_pair("vq", "prior", 12, kept)  # the newest is still kept
        assert len(computed) == kept + 1
        loaders.sample_pair("vq", "prior", 12, 0)  # the oldest was dropped: made again
        assert computed[-1] == 0 and len(computed) == kept + 2
    finally:
        loaders.sample_pair.clear()


def test_live_training_on_the_bundled_digits_uses_the_servers_one_copy():
    shared, live = bundled_data(), live_dataset(BUNDLED)
    assert live.notice is None
    # the live sets are as large as the bundled splits, so they are the very same arrays, not copies
    assert live.data.train_images is shared.train_images
    assert live.data.test_images is shared.test_images
