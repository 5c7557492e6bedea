"""Small helpers shared by the listeners."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from typing import TYPE_CHECKING

from slack_bolt import BoltContext

from ..answering import Asked
from ..conversation import strip_mentions, thread_history

if TYPE_CHECKING:
    from slack_sdk import WebClient

    from ..deps import Deps


def is_from_bot(event: Mapping[str, Any]) -> bool:
    """Bot posts (ours or anyone's) and edits/joins/etc. are never questions."""
    return bool(event.get("bot_id")) or event.get("subtype") is not None


def team_of(body: Mapping[str, Any], event: Mapping[str, Any]) -> str | None:
    return event.get("team") or body.get("team_id") or (body.get("team") or {}).get("id")


def bot_ids(context: BoltContext) -> tuple[str | None, str | None]:
    return context.bot_user_id, context.bot_id


def answer_event_in_thread(
    deps: "Deps", event: dict[str, Any], body: dict[str, Any], client: "WebClient", context: BoltContext, surface: str
) -> None:
    """Answer a mention or a DM in its thread; a message inside a thread carries the thread's earlier turns."""
    channel, ts = event["channel"], event["ts"]
    thread_ts = event.get("thread_ts") or ts
    history: tuple[Any, ...] = ()
    if event.get("thread_ts"):
        bot_user_id, bot_id = bot_ids(context)
        history = tuple(thread_history(
            client, deps.memory, channel=channel, thread_ts=thread_ts, current_ts=ts, bot_user_id=bot_user_id, bot_id=bot_id
        ))
    asked = Asked(
        question=strip_mentions(event.get("text", "")),
        user=event["user"],
        channel=channel,
        thread_ts=thread_ts,
        team_id=team_of(body, event),
        message_ts=ts,
        surface=surface,
    )
    deps.responder.answer_in_thread(client, asked, history)
