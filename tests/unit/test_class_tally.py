"""The anonymous class tally: counts per class, card and choice; a changed mind moves a vote; classes are kept
apart and capped; many sessions at once lose no vote."""

import sys
import threading
from collections import Counter

import pytest

from explorer.core.class_tally import ClassTally


def test_counts_one_vote_per_session():
    tally = ClassTally()
    for choice in ("a", "b", "a"):
        tally.vote("class", "card", choice)  # three sessions, no earlier votes
    assert tally.counts("class", "card") == {"a": 2, "b": 1}
    assert tally.counts("class", "other card") == {} and tally.counts("no such class", "card") == {}


def test_a_changed_mind_moves_the_vote_and_the_same_choice_adds_nothing():
    tally = ClassTally()
    tally.vote("class", "card", "a")  # someone else
    receipt = tally.vote("class", "card", "a")
    receipt = tally.vote("class", "card", "b", previous=receipt)
    assert tally.counts("class", "card") == {"a": 1, "b": 1}
    receipt = tally.vote("class", "card", "b", previous=receipt)
    assert tally.counts("class", "card") == {"a": 1, "b": 1}


def test_the_receipt_keeps_nothing_that_names_the_session():
    receipt = ClassTally().vote("class", "card", "a")
    assert set(vars(receipt)) == {"class_id", "card_id", "choice", "serial"}


def test_classes_and_cards_are_kept_apart():
    tally = ClassTally()
    receipt = tally.vote("monday", "card", "a")
    tally.vote("tuesday", "card", "b", previous=receipt)  # a receipt from another class takes nothing back
    tally.vote("monday", "another card", "c")
    assert tally.counts("monday", "card") == {"a": 1}
    assert tally.counts("tuesday", "card") == {"b": 1}
    assert tally.counts("monday", "another card") == {"c": 1}


def test_the_least_recent_class_is_dropped_past_the_cap():
    tally = ClassTally(max_classes=3)
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
    tally = ClassTally(max_classes=1)
    old = tally.vote("class", "card", "a")
    tally.vote("other", "card", "a")  # "class" is dropped
    tally.vote("class", "card", "a")  # a new session of a new lesson under the same id
    tally.vote("class", "card", "b", previous=old)
    assert tally.counts("class", "card") == {"a": 1, "b": 1}


def test_a_tally_keeps_at_least_one_class():
    with pytest.raises(ValueError):
        ClassTally(max_classes=0)


@pytest.fixture
def busy_switching():
    """Threads take turns as often as Python lets them, so that a missing lock shows."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def test_many_sessions_at_once_lose_no_vote(busy_switching):
    tally = ClassTally(max_classes=4)
    sessions, changes = 32, 300
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
