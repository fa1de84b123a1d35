"""The server's line of heavy work: who runs and in what order, places and waits, estimates from the work ahead,
tickets given up. Checked by events and a fake clock, never by how long anything took."""

import threading

import pytest

from explorer.core.work_line import LINE_ENV, OLD_LINE_ENV, Place, WorkLine, default_capacity

HANG = 600  # seconds: only a wait that never wakes lasts this long, and then the test fails instead of hanging


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_first_comers_run_and_the_rest_see_their_place_in_order():
    line = WorkLine(1)
    first, second, third = (line.join("job", 1) for _ in range(3))
    assert [line.place(t).ahead for t in (first, second, third)] == [0, 1, 2]
    line.leave(first)
    assert [line.place(t).ahead for t in (second, third)] == [0, 1]
    assert (line.running, line.waiting) == (1, 1)


def test_capacity_two_lets_two_run_at_once():
    line = WorkLine(2)
    tickets = [line.join("job", 1) for _ in range(4)]
    assert [line.place(t).ahead for t in tickets] == [0, 0, 1, 2]
    assert (line.running, line.waiting) == (2, 2)


def test_a_waiting_job_starts_when_a_worker_frees():
    line = WorkLine(1)
    holder, waiter = line.join("job", 1), line.join("job", 1)
    assert line.wait(waiter, timeout=0.01).ahead == 1  # still in line when its wait times out
    started, places = threading.Event(), []

    def wait_for_the_worker():
        places.append(line.wait(waiter, timeout=HANG))  # returns once leave() frees the worker
        started.set()

    threading.Thread(target=wait_for_the_worker, daemon=True).start()
    line.leave(holder)
    assert started.wait(timeout=HANG / 2), "leave() did not wake the waiting job"
    assert places[0].ahead == 0 and waiter.started is not None


def test_the_wait_is_the_work_ahead_at_its_measured_pace():
    clock = Clock()
    line = WorkLine(1, clock=clock)
    running = line.join("sampling", steps=10, step_seconds=2.0)  # a guess: 2 s a step
    waiting = line.join("sampling", steps=10, step_seconds=2.0)
    mine = line.join("training", steps=3)
    assert line.place(waiting) == Place(1, 20.0)  # the running job's 10 guessed steps
    assert line.place(mine) == Place(2, 40.0)  # and then the waiting one's
    clock.now = 5.0
    line.progress(running, 5)  # measured: 1 s a step, 5 steps left
    assert line.place(waiting) == Place(1, 5.0)
    assert line.place(mine) == Place(2, 15.0)  # the waiting job's 10 steps at the pace measured here
    assert line.step_seconds("sampling") == 1.0 and line.step_seconds("training") is None
    assert line.forecast() == Place(3, None)  # "training" has no step time yet: the wait behind it is unknown


def test_with_two_workers_each_waiting_job_takes_the_worker_that_frees_first():
    line = WorkLine(2, clock=Clock())
    line.join("a", steps=10, step_seconds=1.0)
    line.join("b", steps=4, step_seconds=1.0)
    line.join("c", steps=3, step_seconds=1.0)  # starts when "b" ends, at 4 s, and ends at 7 s
    assert line.forecast() == Place(2, 7.0)


def test_holding_a_worker_shows_the_place_and_wait_until_one_frees():
    line = WorkLine(1, clock=Clock())
    holder = line.join("training", steps=4, step_seconds=3.0)
    places = []

    def show_place(place: Place) -> None:
        places.append(place)
        if len(places) == 3:  # the holder finishes while the page shows its third place in line
            line.leave(holder)

    with line.hold("training", 2, on_wait=show_place, poll_seconds=0.001) as ticket:
        assert line.place(ticket).ahead == 0 and places == [Place(1, 12.0)] * 3
    assert line.running == 0  # given back when the block ends


def test_a_page_interrupted_while_waiting_gives_up_its_place_at_once():
    line = WorkLine(1)
    holder = line.join("job", 1)
    behind = []

    class Interrupted(BaseException):  # what Streamlit raises when a widget moves mid-wait
        pass

    def interrupt(place: Place) -> None:
        behind.append(line.join("job", 1))  # another student joins while this one waits
        raise Interrupted

    with pytest.raises(Interrupted), line.hold("job", 1, on_wait=interrupt, poll_seconds=0.001):
        pass
    assert line.place(behind[0]).ahead == 1  # only the holder is ahead of the next student now
    line.leave(holder)
    assert line.place(behind[0]).ahead == 0


def test_a_started_ticket_cannot_be_withdrawn_but_a_waiting_one_can():
    line = WorkLine(1)
    running, waiting = line.join("job", 1), line.join("job", 1)
    assert not line.withdraw(running) and line.withdraw(waiting)
    assert (line.running, line.waiting) == (1, 0)


def test_capacity_is_configurable_by_the_new_or_the_old_name_and_checked(monkeypatch):
    monkeypatch.delenv(LINE_ENV, raising=False)
    monkeypatch.delenv(OLD_LINE_ENV, raising=False)
    assert default_capacity("cpu") == 1 and default_capacity("cuda") > 1
    monkeypatch.setenv(OLD_LINE_ENV, "2")
    assert default_capacity("cpu") == 2
    monkeypatch.setenv(LINE_ENV, "3")
    assert default_capacity("cpu") == 3  # the new name wins
    for bad in ("0", "two"):
        monkeypatch.setenv(LINE_ENV, bad)
        with pytest.raises(ValueError, match=LINE_ENV):
            default_capacity("cpu")
    with pytest.raises(ValueError):
        WorkLine(0)
