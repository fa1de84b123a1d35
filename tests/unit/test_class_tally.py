"""The anonymous class tally, in both stores (in this process, and in Redis for a lecture hall): counts per class,
card and choice; a changed mind moves a vote; classes are kept apart; many sessions at once lose no vote. Then what
only one store does: the in-process cap on classes, Redis's expiry, and a Redis that is down and comes back."""

import sys
import threading
import uuid
from collections import Counter

import pytest

from explorer.core.class_tally import InProcessTally, TallyUnavailable
from explorer.core.redis_tally import RedisTally
from scripts.app_process import free_port, stop_app
from scripts.lecture_hall import REDIS_SERVER, start_redis
from tests.conftest import programs_or_skip


@pytest.fixture(params=["in_process", "redis"])
def tally(request):
    if request.param == "in_process":
        return InProcessTally()
    return RedisTally(request.getfixturevalue("redis_url"), prefix=f"test:{uuid.uuid4().hex}")


def test_counts_one_vote_per_session(tally):
    for choice in ("a", "b", "a"):
        tally.vote("class", "card", choice)  # three sessions, no earlier votes
    assert tally.counts("class", "card") == {"a": 2, "b": 1}
    assert tally.counts("class", "other card") == {} and tally.counts("no such class", "card") == {}


def test_a_changed_mind_moves_the_vote_and_the_same_choice_adds_nothing(tally):
    tally.vote("class", "card", "a")  # someone else
    receipt = tally.vote("class", "card", "a")
    receipt = tally.vote("class", "card", "b", previous=receipt)
    assert tally.counts("class", "card") == {"a": 1, "b": 1}
    receipt = tally.vote("class", "card", "b", previous=receipt)
    assert tally.counts("class", "card") == {"a": 1, "b": 1}


def test_the_receipt_keeps_nothing_that_names_the_session(tally):
    receipt = tally.vote("class", "card", "a")
    assert set(vars(receipt)) == {"class_id", "card_id", "choice", "serial"}


def test_classes_and_cards_are_kept_apart(tally):
    receipt = tally.vote("monday", "card", "a")
    tally.vote("tuesday", "card", "b", previous=receipt)  # a receipt from another class takes nothing back
    tally.vote("monday", "another card", "c")
    tally.vote("monday:card", "x", "d")  # ids that look like the store's own separators stay apart too
    assert tally.counts("monday", "card") == {"a": 1}
    assert tally.counts("tuesday", "card") == {"b": 1}
    assert tally.counts("monday", "another card") == {"c": 1}
    assert tally.counts("monday:card", "x") == {"d": 1} and tally.counts("monday", "card:x") == {}


@pytest.fixture
def busy_switching():
    """Threads take turns as often as Python lets them, so that a missing lock shows."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def test_many_sessions_at_once_lose_no_vote(tally, busy_switching):
    sessions, changes = 32, 100
    last = {number: "ab"[(number // 2 + changes - 1) % 2] for number in range(sessions)}  # each session's last choice
    start = threading.Barrier(sessions)

    def session(number: int) -> None:
        class_id = f"class {number % 2}"
        start.wait()
        receipt = None
        for change in range(changes):  # a mind changed many times: still one vote
            receipt = tally.vote(class_id, "card", "ab"[(number // 2 + change) % 2], previous=receipt)
            tally.counts(class_id, "card")

    threads = [threading.Thread(target=session, args=(number,)) for number in range(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for parity in (0, 1):
        expected = Counter(choice for number, choice in last.items() if number % 2 == parity)
        assert tally.counts(f"class {parity}", "card") == expected
        assert sum(expected.values()) == sessions // 2


def test_the_least_recent_class_is_dropped_past_the_in_process_cap():
    tally = InProcessTally(max_classes=3)
    for class_id in ("one", "two", "three"):
        tally.vote(class_id, "card", "a")
    tally.vote("one", "card", "b")  # "one" is used again: "two" is now the least recent
    tally.vote("four", "card", "a")
    assert tally.counts("two", "card") == {}
    assert tally.counts("one", "card") == {"a": 1, "b": 1}
    assert tally.counts("three", "card") == tally.counts("four", "card") == {"a": 1}
    tally.vote("five", "card", "a")  # "three" is now the least recent of the three kept
    assert tally.counts("three", "card") == {} and tally.counts("one", "card") == {"a": 1, "b": 1}


def test_a_receipt_from_a_dropped_class_takes_nothing_from_its_new_life():
    tally = InProcessTally(max_classes=1)
    old = tally.vote("class", "card", "a")
    tally.vote("other", "card", "a")  # "class" is dropped
    tally.vote("class", "card", "a")  # a new session of a new lesson under the same id
    tally.vote("class", "card", "b", previous=old)
    assert tally.counts("class", "card") == {"a": 1, "b": 1}


def test_an_in_process_tally_keeps_at_least_one_class():
    with pytest.raises(ValueError):
        InProcessTally(max_classes=0)


def test_a_class_in_redis_expires_and_an_old_receipt_takes_nothing_from_its_new_life(redis_url):
    import redis

    tally = RedisTally(redis_url, ttl_s=600, prefix=f"test:{uuid.uuid4().hex}")
    old = tally.vote("class", "card", "a")
    client = redis.Redis.from_url(redis_url)
    keys = client.keys(f"{tally.prefix}:class:*")
    assert len(keys) == 2 and all(0 < client.ttl(key) <= 600 for key in keys)  # every key of the class expires
    client.delete(*keys)  # what the time-to-live does once the class has been quiet that long
    assert tally.counts("class", "card") == {}
    tally.vote("class", "card", "a")  # the same id used again: a new life of the class
    tally.vote("class", "card", "b", previous=old)
    assert tally.counts("class", "card") == {"a": 1, "b": 1}


def test_a_redis_that_is_down_says_so_and_the_tally_resumes_when_it_is_back(tmp_path):
    programs_or_skip(REDIS_SERVER)
    port = free_port()
    tally = RedisTally(f"redis://127.0.0.1:{port}/0")
    with pytest.raises(TallyUnavailable):
        tally.vote("class", "card", "a")
    with pytest.raises(TallyUnavailable):
        tally.counts("class", "card")
    process = start_redis(port, tmp_path)
    try:
        receipt = tally.vote("class", "card", "a")
        tally.vote("class", "card", "b", previous=receipt)
        assert tally.counts("class", "card") == {"b": 1}
    finally:
        stop_app(process)
    with pytest.raises(TallyUnavailable):
        tally.counts("class", "card")
