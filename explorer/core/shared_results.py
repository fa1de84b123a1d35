"""Results that every visitor of one server may share: the same settings give the same pictures, so a second
student asking for them gets the first one's copy instead of a second computation.

A bounded store, safe under concurrent sessions: the oldest entry goes when it is full. No streamlit here:
explorer/ui/server/shared_results.py keeps one per server."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any


class SharedResults:
    def __init__(self, capacity: int):
        if capacity < 1:
            raise ValueError("the store must be able to keep at least one result")
        self.capacity = capacity
        self._results: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any | None:
        """The result kept under `key` (now the most recently used), or None."""
        with self._lock:
            if key not in self._results:
                return None
            self._results.move_to_end(key)
            return self._results[key]

    def put(self, key: Hashable, result: Any) -> None:
        with self._lock:
            self._results[key] = result
            self._results.move_to_end(key)
            while len(self._results) > self.capacity:
                self._results.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._results)
