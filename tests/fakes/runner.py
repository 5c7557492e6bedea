"""A re-ingest runner with a gate, for the "already running" and "answers meanwhile" Slack tests.

Same contract as ``bot.ingest.runner.ReingestRunner.start``: False while a run is in progress.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from bot.models import SyncError, SyncReport


class GatedRunner:
    def __init__(self, report: SyncReport | None = None, error: BaseException | None = None) -> None:
        self.gate = threading.Event()
        self.started = 0
        self.report = report or SyncReport(
            added=2, updated=1, removed=0, failed=1, postings=3, chunks=12, errors=[SyncError("knowledge/broken.pdf", "no text layer")]
        )
        self.error = error
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, on_done: Callable[[SyncReport | None, BaseException | None], None]) -> bool:
        with self._lock:
            if self.running:
                return False
            self.started += 1

            def run() -> None:
                self.gate.wait(20)
                on_done(None if self.error else self.report, self.error)

            self._thread = threading.Thread(target=run, daemon=True)
            self._thread.start()
            return True

    def wait(self, timeout: float = 10) -> None:
        if self._thread is not None:
            self._thread.join(timeout)
