"""Results that every visitor of one server may share: the same settings give the same pictures, so a second
student asking for them gets the first one's copy instead of a second computation.

A bounded store, safe under concurrent sessions: the oldest entry goes when it is full. It also knows the
computations under way, so that two sessions asking for the same result at once wait for one computation, which is
cancelled only when the last of them has left. No streamlit here: explorer/ui/server/shared_results.py keeps one
per server."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Protocol


class Computation(Protocol):
    def cancel(self) -> None: ...


class SharedResults:
    def __init__(self, capacity: int):
        if capacity < 1:
            raise ValueError("the store must be able to keep at least one result")
        self.capacity = capacity
        self._results: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._under_way: dict[Hashable, tuple[Computation, int]] = {}  # key: (its computation, sessions following)

    def get(self, key: Hashable) -> Any | None:
        """The result kept under `key` (now the most recently used), or None."""
        with self._lock:
            if key not in self._results:
                return None
            self._results.move_to_end(key)
            return self._results[key]

    def put(self, key: Hashable, result: Any) -> None:
        with self._lock:
            self._keep(key, result)

    def _keep(self, key: Hashable, result: Any) -> None:
        self._results[key] = result
        self._results.move_to_end(key)
        while len(self._results) > self.capacity:
            self._results.popitem(last=False)

    def follow(self, key: Hashable, start: Callable[[], Computation]) -> Computation:
        """The computation of `key` under way, with one more session following it; else the one `start()` begins
        (under the store's lock: a computation that ends at once still finds itself under way in `land`)."""
        with self._lock:
            computation, followers = self._under_way.get(key) or (None, 0)
            if computation is None:
                computation = start()
            self._under_way[key] = (computation, followers + 1)
            return computation

    def unfollow(self, key: Hashable, computation: Computation) -> None:
        """A session no longer waits for it: the last one to leave cancels it."""
        with self._lock:
            current, followers = self._under_way.get(key, (None, 0))
            if current is not computation:
                return  # it has landed already
            if followers > 1:
                self._under_way[key] = (computation, followers - 1)
                return
            del self._under_way[key]
        computation.cancel()

    def land(self, key: Hashable, computation: Computation, result: Any | None) -> None:
        """The computation has ended: keep its result (None: it made none) and forget it was under way."""
        with self._lock:  # kept before it stops being under way: a session asking between finds one or the other
            if result is not None:
                self._keep(key, result)
            if self._under_way.get(key, (None, 0))[0] is computation:
                del self._under_way[key]

    def __len__(self) -> int:
        with self._lock:
            return len(self._results)
