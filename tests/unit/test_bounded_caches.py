"""Server-wide caches whose keys follow a student's choices keep a bounded number of entries: counted by how often
the cached function computes again, with its work replaced by a counter."""

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
