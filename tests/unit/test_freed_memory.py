"""The memory janitor: a session's mark tells it when the session has ended; a sweep then collects and gives the
memory back, once per ending, and the sweeps stop while no session is open. Counted by events, not timed."""

import gc
import platform

from explorer.core.freed_memory import MemoryJanitor, give_back_freed_memory


class Counting:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1


def janitor_with_counts():
    collect, give_back = Counting(), Counting()
    return MemoryJanitor(collect=collect, give_back=give_back), collect, give_back


def test_a_sweep_while_every_session_lives_collects_but_gives_nothing_back():
    janitor, collect, give_back = janitor_with_counts()
    marks = [janitor.new_session() for _ in range(3)]
    assert janitor.sweep() is False
    assert (collect.calls, give_back.calls, janitor.alive()) == (1, 0, len(marks))


def test_an_ended_session_is_given_back_once_at_the_next_sweep():
    janitor, _, give_back = janitor_with_counts()
    marks = [janitor.new_session() for _ in range(3)]
    janitor.sweep()
    del marks[0]  # the session's state, and with it its mark, is freed
    assert janitor.sweep() is True
    assert janitor.sweep() is False
    assert (give_back.calls, janitor.alive()) == (1, 2)


def test_a_session_that_ends_before_any_sweep_still_counts_as_ended():
    janitor, _, give_back = janitor_with_counts()
    janitor.new_session()  # dropped at once
    assert janitor.sweep() is True
    assert give_back.calls == 1


def test_a_mark_held_in_a_cycle_is_found_ended_by_the_sweeps_own_collection():
    janitor = MemoryJanitor(give_back=Counting())

    class State:  # a session's state that refers to itself: only the cyclic collector frees it
        pass

    state = State()
    state.itself, state.mark = state, janitor.new_session()
    janitor.sweep()
    gc.disable()  # no automatic collection between: the sweep's own must find it
    try:
        del state
        assert janitor.alive() == 1
        assert janitor.sweep() is True
    finally:
        gc.enable()
    assert janitor.alive() == 0


def test_sweeps_wait_while_no_session_is_open_and_resume_with_the_next():
    janitor, _, _ = janitor_with_counts()
    assert not janitor.sessions_open.is_set()
    mark = janitor.new_session()
    assert janitor.sessions_open.is_set()
    del mark
    janitor.sweep()
    assert not janitor.sessions_open.is_set()
    janitor.new_session()
    assert janitor.sessions_open.is_set()


def test_memory_is_given_back_where_the_c_library_is_glibc():
    assert give_back_freed_memory() is (platform.libc_ver()[0] == "glibc")
