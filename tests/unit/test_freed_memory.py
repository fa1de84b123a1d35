"""The memory janitor: a session's mark tells it whether sessions are open; each sweep collects and gives the freed
memory back, and the sweeps stop once one has found every session ended. Counted by events, not timed."""

import gc
import platform

from explorer.core.freed_memory import MemoryJanitor, give_back_freed_memory, limit_malloc_arenas


class Counting:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1


def janitor_with_counts():
    collect, give_back = Counting(), Counting()
    return MemoryJanitor(collect=collect, give_back=give_back), collect, give_back


def test_each_sweep_collects_then_gives_memory_back_and_counts_the_sessions_alive():
    janitor, collect, give_back = janitor_with_counts()
    marks = [janitor.new_session() for _ in range(3)]
    assert janitor.sweep() == 3
    del marks[0]  # that session's state, and with it its mark, is freed
    assert janitor.sweep() == 2
    assert (collect.calls, give_back.calls) == (2, 2)


def test_a_mark_held_in_a_cycle_is_freed_by_the_sweeps_own_collection():
    janitor = MemoryJanitor(give_back=Counting())

    class State:  # a session's state that refers to itself: only the cyclic collector frees it
        pass

    state = State()
    state.itself, state.mark = state, janitor.new_session()
    gc.disable()  # no automatic collection between: the sweep's own must find it
    try:
        del state
        assert janitor.alive() == 1
        assert janitor.sweep() == 0
    finally:
        gc.enable()


def test_sweeps_wait_while_no_session_is_open_and_resume_with_the_next():
    janitor, _, _ = janitor_with_counts()
    assert not janitor.sessions_open.is_set()
    mark = janitor.new_session()
    assert janitor.sessions_open.is_set()
    del mark
    assert janitor.sessions_open.is_set()  # the last session's end still waits for its sweep
    janitor.sweep()
    assert not janitor.sessions_open.is_set()
    janitor.new_session()
    assert janitor.sessions_open.is_set()


def test_memory_is_given_back_where_the_c_library_is_glibc():
    assert give_back_freed_memory() is (platform.libc_ver()[0] == "glibc")


def test_the_arenas_are_limited_where_the_c_library_is_glibc():
    assert limit_malloc_arenas() is (platform.libc_ver()[0] == "glibc")
