"""Admin-only re-ingest: who may start it, one at a time, and telling the admin how it went.

The admin check runs on every request and every click with the user id from Slack's signed payload;
button values are never trusted. The runner does the work in the background while the bot keeps answering
from the previous index generation.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from ..models import SyncReport
from ..settings import Settings
from .blocks import report_text
from .ports import Reingester

log = logging.getLogger(__name__)

REFUSED = "Sorry, only the bot's admins can re-ingest the postings. Ask one of them if something looks out of date."
ALREADY_RUNNING = "A re-ingest is already running; I'll report when it's done. I'm still answering from the current postings."
STARTED = "Re-ingest started. I'll keep answering from the current postings and DM you the result when it's done."
UNAVAILABLE = "Re-ingest isn't available in this deployment."


class ReingestService:
    def __init__(self, settings: Settings, runner: Reingester | None) -> None:
        self.settings = settings
        self.runner = runner
        self._lock = threading.Lock()
        self._ours = 0  # runs this service started that have not reported yet

    @property
    def running(self) -> bool:
        with self._lock:
            if self._ours:
                return True
        return bool(getattr(self.runner, "running", False))

    def _count(self, delta: int) -> None:
        with self._lock:
            self._ours = max(0, self._ours + delta)

    def is_admin(self, user_id: str | None) -> bool:
        return bool(user_id) and user_id in self.settings.admin_user_ids

    def request(
        self, client: WebClient, user_id: str, *, after: Callable[[], None] | None = None, surface: str = "command"
    ) -> str:
        """Try to start a re-ingest for ``user_id``; returns what to tell them now."""
        if not self.is_admin(user_id):
            log.warning("refused re-ingest requested by non-admin %s via %s", user_id, surface)
            return REFUSED
        if self.runner is None:
            return UNAVAILABLE

        def on_done(report: SyncReport | None, error: BaseException | None) -> None:
            self._count(-1)
            if error is not None:
                log.error("re-ingest requested by %s failed", user_id, exc_info=error)
            else:
                log.info("re-ingest requested by %s finished: %s", user_id, report.to_json() if report else None)
            try:
                client.chat_postMessage(channel=user_id, text=report_text(report, error))
            except SlackApiError as exc:
                log.error("could not DM the re-ingest report to %s: %s", user_id, exc.response.get("error"))
            if after is not None:
                try:
                    after()
                except Exception:
                    log.exception("after-reingest hook failed")

        self._count(+1)  # before start(): a fast run may report before start() returns
        try:
            started = self.runner.start(on_done)
        except Exception:
            self._count(-1)
            log.exception("re-ingest could not start")
            return "Sorry — the re-ingest could not start. The details are in my log."
        if not started:
            self._count(-1)
            log.info("re-ingest requested by %s while one is running", user_id)
            return ALREADY_RUNNING
        log.info("re-ingest started by %s via %s", user_id, surface)
        return STARTED
