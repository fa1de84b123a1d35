import threading

import pytest

from explorer.training.slots import SLOTS_ENV, TrainingSlots, default_capacity

HANG = 600  # seconds: only a run that never wakes waits this long, and then the test fails instead of hanging


def test_first_comers_train_and_the_rest_see_their_place():
    slots = TrainingSlots(1)
    first, second, third = slots.join(), slots.join(), slots.join()
    assert [slots.runs_ahead(t) for t in (first, second, third)] == [0, 1, 2]
    slots.leave(first)
    assert [slots.runs_ahead(t) for t in (second, third)] == [0, 1]


def test_capacity_two_lets_two_train_at_once():
    slots = TrainingSlots(2)
    tickets = [slots.join() for _ in range(4)]
    assert [slots.runs_ahead(t) for t in tickets] == [0, 0, 1, 2]
    assert slots.training == 2


def test_a_waiting_run_starts_when_the_slot_frees():
    slots = TrainingSlots(1)
    holder = slots.join()
    waiter = slots.join()
    assert slots.wait(waiter, timeout=0.01) == 1  # still in line when its wait times out
    started, ahead = threading.Event(), []

    def wait_for_the_slot():
        ahead.append(slots.wait(waiter, timeout=HANG))  # returns once leave() frees the slot
        started.set()

    threading.Thread(target=wait_for_the_slot, daemon=True).start()
    slots.leave(holder)
    assert started.wait(timeout=HANG / 2), "leave() did not wake the waiting run"
    assert ahead == [0]


def test_an_interrupted_run_gives_its_slot_back():
    slots = TrainingSlots(1)

    class Interrupted(BaseException):  # what Streamlit raises when a widget moves mid-run
        pass

    with pytest.raises(Interrupted), slots.place_in_line():
        raise Interrupted
    with slots.place_in_line() as ticket:
        assert slots.runs_ahead(ticket) == 0


def test_holding_a_slot_shows_the_place_in_line_until_one_frees():
    slots = TrainingSlots(1)
    holder = slots.join()
    places = []

    def show_place(ahead: int) -> None:
        places.append(ahead)
        if len(places) == 3:  # the holder finishes while the page shows its third place in line
            slots.leave(holder)

    with slots.hold(on_wait=show_place, poll_seconds=0.001):
        assert slots.training == 1 and places == [1, 1, 1]
    assert slots.training == 0  # given back when the block ends


def test_a_page_interrupted_while_waiting_gives_up_its_place():
    slots = TrainingSlots(1)
    holder = slots.join()

    class Interrupted(BaseException):  # what Streamlit raises when a widget moves mid-wait
        pass

    def interrupt(ahead: int) -> None:
        raise Interrupted

    with pytest.raises(Interrupted), slots.hold(on_wait=interrupt, poll_seconds=0.01):
        pass
    slots.leave(holder)
    assert slots.training == 0


def test_capacity_is_configurable_and_checked(monkeypatch):
    monkeypatch.delenv(SLOTS_ENV, raising=False)
    assert default_capacity("cpu") == 1 and default_capacity("cuda") > 1
    monkeypatch.setenv(SLOTS_ENV, "3")
    assert default_capacity("cpu") == 3
    for bad in ("0", "two"):
        monkeypatch.setenv(SLOTS_ENV, bad)
        with pytest.raises(ValueError, match=SLOTS_ENV):
            default_capacity("cpu")
    with pytest.raises(ValueError):
        TrainingSlots(0)
