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


class Computation:
    def __init__(self):
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


def test_sessions_asking_for_the_same_result_at_once_follow_one_computation():
    store, started = SharedResults(capacity=4), []

    def start() -> Computation:
        started.append(Computation())
        return started[-1]

    first, second = store.follow("seed 3", start), store.follow("seed 3", start)
    assert first is second and len(started) == 1
    store.unfollow("seed 3", first)  # one student moves on: the other still waits for it
    assert not first.cancelled
    store.land("seed 3", first, "samples")
    assert store.get("seed 3") == "samples"
    store.unfollow("seed 3", first)  # after it landed, leaving changes nothing
    assert not first.cancelled


def test_the_last_follower_to_leave_cancels_the_computation_and_the_next_asker_starts_anew():
    store = SharedResults(capacity=4)
    first = store.follow("seed 3", Computation)
    store.unfollow("seed 3", first)
    assert first.cancelled
    store.land("seed 3", first, None)  # the cancelled computation ends with nothing to keep
    second = store.follow("seed 3", Computation)
    assert second is not first and store.get("seed 3") is None


def test_two_sessions_following_one_heavy_job_get_its_one_result():
    from explorer.core.heavy_job import HeavyJob
    from explorer.core.work_line import WorkLine

    store, line, go, computed, results = SharedResults(capacity=4), WorkLine(1), threading.Event(), [], []

    def compute(on_step) -> str:
        assert go.wait(600)
        computed.append("samples")
        return "samples"

    def start() -> HeavyJob:
        return HeavyJob(line, "sampling", 1, None, compute, on_end=lambda job: store.land("seed 3", job, job.result))

    jobs = [store.follow("seed 3", start) for _ in range(2)]  # two sessions ask before it is made
    def follow(job: HeavyJob) -> None:
        results.append(job.follow(lambda place: None, lambda done, total: None))

    followers = [threading.Thread(target=follow, args=(job,)) for job in jobs]
    for follower in followers:
        follower.start()
    go.set()
    for follower in followers:
        follower.join()
    assert jobs[0] is jobs[1] and computed == ["samples"] and results == ["samples", "samples"]
    assert store.get("seed 3") == "samples"
