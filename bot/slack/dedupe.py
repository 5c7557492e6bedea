"""Seen-once keys with a time to live, so a redelivered Slack event (``X-Slack-Retry-Num``) is answered once.

``Deduper`` is the interface; ``MemoryDeduper`` is the in-process default. A Redis-backed one (``SET key 1 NX
EX ttl``) fits the same ``claim`` method when several bot workers share the event stream.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol


class Deduper(Protocol):
    def claim(self, key: str) -> bool:
        """True the first time ``key`` is seen within the TTL, False for every repeat."""
        ...


class MemoryDeduper:
    """A bounded, thread-safe TTL set."""

    def __init__(
        self, ttl_seconds: float = 600.0, max_keys: int = 10_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl = ttl_seconds
        self.max_keys = max_keys
        self._clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def claim(self, key: str) -> bool:
        now = self._clock()
        with self._lock:
            while self._seen:
                oldest_key, expires = next(iter(self._seen.items()))
                if expires > now and len(self._seen) < self.max_keys:
                    break
                del self._seen[oldest_key]
            if key in self._seen:
                return False
            self._seen[key] = now + self.ttl
            return True
