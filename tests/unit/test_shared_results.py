import threading

import pytest

from explorer.core.shared_results import SharedResults


def test_keeps_results_and_drops_the_least_recently_used_when_full():
    store = SharedResults(capacity=2)
    store.put("a", 1)
    store.put("b", 2)
    assert store.get("a") == 1  # "a" is now the most recent, so "b" goes next
    store.put("c", 3)
    assert store.get("b") is None
    assert (store.get("a"), store.get("c"), len(store)) == (1, 3, 2)


def test_putting_a_key_again_replaces_its_result_without_growing():
    store = SharedResults(capacity=3)
    store.put(("ddim", 50, 0), "first")
    store.put(("ddim", 50, 0), "second")
    assert (store.get(("ddim", 50, 0)), len(store)) == ("second", 1)


def test_refuses_a_store_that_can_keep_nothing():
    with pytest.raises(ValueError):
        SharedResults(capacity=0)


def test_many_sessions_at_once_never_overfill_it_or_lose_their_own_result():
    store = SharedResults(capacity=8)
    wrong = []

    def session(number: int) -> None:
        for round_ in range(200):
            key = (number, round_ % 4)
            store.put(key, key)
            found = store.get(key)
            if found is not None and found != key:
                wrong.append((key, found))

    threads = [threading.Thread(target=session, args=(number,)) for number in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not wrong
    assert len(store) == 8
