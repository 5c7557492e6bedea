"""Background re-ingest for a running bot: one at a time, the bot answering from the previous index meanwhile.

Slack-free, so any front end (Slack admin command, App Home button, a future HTTP hook) can drive it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import IngestBusy
from ..models import SyncReport

if TYPE_CHECKING:
    from ..settings import Settings
    from ..store import PostingStore

log = logging.getLogger(__name__)

OnDone = Callable[[SyncReport | None, BaseException | None], None]


class ReingestRunner:
    def __init__(
        self,
        settings: "Settings",
        store: "PostingStore",
        sources: Sequence[Path] | None = None,
        after: Callable[[], None] | None = None,
    ):
        """``after`` runs once a sync has finished (e.g. the engine's ``warm``, so the first question on the new
        index is as fast as any other)."""
        self.store = store
        self.sources = list(sources) if sources else [settings.knowledge_dir]
        self.after = after
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.last_report: SyncReport | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, on_done: OnDone) -> bool:
        """Start a re-ingest in the background; False (and nothing started) when one is already running."""
        with self._lock:
            if self.running:
                return False
            self._thread = threading.Thread(target=self._run, args=(on_done,), name="reingest", daemon=True)
            self._thread.start()
            return True

    def wait(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _run(self, on_done: OnDone) -> None:
        from .sync import sync

        report: SyncReport | None = None
        error: BaseException | None = None
        try:
            report = sync(self.sources, self.store)
            self.last_report = report
            log.info("re-ingest finished: %s", report.to_json())
            if self.after is not None:
                try:
                    self.after()
                except Exception:  # the index is written; a failed warm-up only costs the next question time
                    log.exception("after-ingest hook failed")
        except IngestBusy as exc:  # another process (the CLI) is ingesting
            error = exc
        except Exception as exc:
            log.exception("re-ingest failed")
            error = exc
        try:
            on_done(report, error)
        except Exception:
            log.exception("re-ingest callback failed")
