"""Direct messages: answer every DM. Plain channel messages are ignored — the bot speaks only when asked.

Messages inside a DM thread reach the assistant listener first (Bolt routes every threaded IM there); this
listener sees top-level DMs and answers in their thread so follow-ups keep their context.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from ..answering import Asked
from ..conversation import strip_mentions, thread_history
from ..deps import Deps
from .common import bot_ids, is_from_bot, team_of


def handle_message(deps: Deps, event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    if event.get("channel_type") != "im" or is_from_bot(event) or not event.get("user"):
        return
    channel, ts = event["channel"], event["ts"]
    thread_ts = event.get("thread_ts") or ts
    history = ()
    if event.get("thread_ts"):
        bot_user_id, bot_id = bot_ids(context)
        history = thread_history(
            client, deps.memory, channel=channel, thread_ts=thread_ts, current_ts=ts, bot_user_id=bot_user_id, bot_id=bot_id
        )
    asked = Asked(
        question=strip_mentions(event.get("text", "")),
        user=event["user"],
        channel=channel,
        thread_ts=thread_ts,
        team_id=team_of(body, event),
        message_ts=ts,
        surface="dm",
    )
    deps.responder.answer_in_thread(client, asked, history)


def register(app: App, deps: Deps) -> None:
    @app.event("message")
    def _message(event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        handle_message(deps, event, body, client, context)
