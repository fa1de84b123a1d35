"""The training warm-up waits before it works, so that it does not share the CPU with the first open of the page that
made it, unless a run asks for it first. Checked by events, never by time."""

import threading

from explorer.training.live import DeferredWarmUp

NEVER = 600.0  # seconds: a delay no test waits out


def test_a_run_that_asks_starts_the_waiting_warm_up_at_once_and_waits_for_its_end():
    log, working, finish = [], threading.Event(), threading.Event()

    def work():
        working.set()
        finish.wait(NEVER)
        log.append("warmed")

    warm_up = DeferredWarmUp(work, NEVER)
    assert not working.wait(0.2)  # still waiting out its delay
    joined = threading.Thread(target=lambda: (warm_up.join(), log.append("run starts")))
    joined.start()
    assert working.wait(NEVER)  # the join started it
    assert log == []  # and the run waits for it to end
    finish.set()
    joined.join(NEVER)
    assert log == ["warmed", "run starts"]


def test_unasked_the_warm_up_works_once_its_delay_is_over():
    done = threading.Event()
    DeferredWarmUp(done.set, 0.0)
    assert done.wait(NEVER)
