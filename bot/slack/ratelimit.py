"""A per-user sliding-window rate limit, so one person cannot keep the engine busy for everyone."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable


class RateLimiter:
    """``allow(user)`` returns 0 when the user may ask now, else the seconds to wait."""

    def __init__(self, per_minute: int, window_seconds: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self.limit = per_minute
        self.window = window_seconds
        self._clock = clock
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, user: str) -> float:
        if self.limit <= 0:  # 0 or less switches the limit off
            return 0.0
        now = self._clock()
        with self._lock:
            hits = self._hits[user]
            while hits and now - hits[0] >= self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return max(1.0, self.window - (now - hits[0]))
            hits.append(now)
            return 0.0
