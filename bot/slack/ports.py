"""What the Slack app needs from the rest of the bot, as protocols: the engine and the re-ingest runner.

The Slack layer codes against these shapes only, so it can be wired to the real engine in production and to
any object with the same methods elsewhere, and nothing outside ``bot/slack`` has to know Slack exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from ..models import Answer, PostingRecord, SyncReport, Turn
from ..store import IndexStatus

OnDone = Callable[[SyncReport | None, BaseException | None], None]


class Engine(Protocol):
    def answer(self, question: str, history: Sequence[Turn] = ()) -> Answer: ...

    def stream(self, question: str, history: Sequence[Turn] = ()) -> Iterator[str | Answer]: ...

    def list_roles(self) -> list[PostingRecord]: ...

    def status(self) -> IndexStatus: ...


class Reingester(Protocol):
    def start(self, on_done: OnDone) -> bool:
        """Start a background re-ingest; False when one is already running."""
        ...
