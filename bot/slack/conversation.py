"""Thread history → ``Turn``s, so "and is it remote?" in a thread is read with the earlier question in mind.

Two sources, best first: an in-process memory of the answers this process gave (it keeps posting ids), then
the thread itself via ``conversations.replies`` — the bot's answers carry their posting ids in message
metadata, so a restarted bot still knows which postings a thread was about.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from ..models import Turn

log = logging.getLogger(__name__)

METADATA_EVENT = "roles_bot_answer"
MAX_TURNS = 6
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


def strip_mentions(text: str) -> str:
    """The question without ``<@U…>`` mention tokens."""
    return " ".join(_MENTION.sub(" ", text or "").split())


def answer_metadata(answer_id: str, posting_ids: list[str]) -> dict[str, Any]:
    return {"event_type": METADATA_EVENT, "event_payload": {"answer_id": answer_id, "posting_ids": posting_ids}}


class ThreadMemory:
    """The last few turns of recently active threads, bounded in threads and turns."""

    def __init__(self, max_threads: int = 2000, max_turns: int = MAX_TURNS) -> None:
        self.max_threads = max_threads
        self.max_turns = max_turns
        self._threads: OrderedDict[tuple[str, str], list[Turn]] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, channel: str, thread_ts: str, turn: Turn) -> None:
        with self._lock:
            key = (channel, thread_ts)
            turns = self._threads.pop(key, [])
            turns = (turns + [turn])[-self.max_turns :]
            self._threads[key] = turns
            while len(self._threads) > self.max_threads:
                self._threads.popitem(last=False)

    def get(self, channel: str, thread_ts: str) -> tuple[Turn, ...]:
        with self._lock:
            return tuple(self._threads.get((channel, thread_ts), ()))


def turns_from_messages(
    messages: list[Mapping[str, Any]], *, bot_user_id: str | None, bot_id: str | None, exclude_ts: str | None
) -> tuple[Turn, ...]:
    """Pair each person's message with the bot answer that follows it."""
    turns: list[Turn] = []
    pending: str | None = None
    for msg in messages:
        if msg.get("ts") == exclude_ts:
            continue
        is_ours = (bot_id is not None and msg.get("bot_id") == bot_id) or (
            bot_user_id is not None and msg.get("user") == bot_user_id
        )
        if is_ours:
            if pending is None:
                continue  # a greeting or a shared answer with no question in the thread
            meta = msg.get("metadata") or {}
            payload = meta.get("event_payload") or {} if meta.get("event_type") == METADATA_EVENT else {}
            posting_ids = tuple(str(p) for p in payload.get("posting_ids") or ())
            turns.append(Turn(question=pending, answer=str(msg.get("text") or ""), posting_ids=posting_ids))
            pending = None
        elif not msg.get("bot_id") and msg.get("subtype") in (None, "thread_broadcast"):
            question = strip_mentions(str(msg.get("text") or ""))
            if question:
                pending = question
    return tuple(turns[-MAX_TURNS:])


def thread_history(
    client: WebClient,
    memory: ThreadMemory,
    *,
    channel: str,
    thread_ts: str,
    current_ts: str | None,
    bot_user_id: str | None,
    bot_id: str | None,
) -> tuple[Turn, ...]:
    remembered = memory.get(channel, thread_ts)
    if remembered:
        return remembered
    try:
        resp = client.conversations_replies(channel=channel, ts=thread_ts, include_all_metadata=True, limit=50)
    except SlackApiError as exc:  # missing scope, archived channel...: answer without context
        log.warning("conversations.replies failed for %s/%s: %s", channel, thread_ts, exc.response.get("error"))
        return ()
    return turns_from_messages(
        list(resp.get("messages") or []), bot_user_id=bot_user_id, bot_id=bot_id, exclude_ts=current_ts
    )
