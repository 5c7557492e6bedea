"""@mentions in channels: answer in the mention's thread; a mention inside a thread is a follow-up."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from ..answering import Asked
from ..conversation import strip_mentions, thread_history
from ..deps import Deps
from .common import bot_ids, is_from_bot, team_of


def handle_mention(deps: Deps, event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    if is_from_bot(event) or not event.get("user"):
        return
    channel, ts = event["channel"], event["ts"]
    thread_ts = event.get("thread_ts") or ts
    history = ()
    if event.get("thread_ts"):
        bot_user_id, bot_id = bot_ids(context)
        history = thread_history(
            client,
            deps.memory,
            channel=channel,
            thread_ts=thread_ts,
            current_ts=ts,
            bot_user_id=bot_user_id,
            bot_id=bot_id,
        )
    asked = Asked(
        question=strip_mentions(event.get("text", "")),
        user=event["user"],
        channel=channel,
        thread_ts=thread_ts,
        team_id=team_of(body, event),
        message_ts=ts,
        surface="mention",
    )
    deps.responder.answer_in_thread(client, asked, history)


def register(app: App, deps: Deps) -> None:
    @app.event("app_mention")
    def _mention(event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        handle_mention(deps, event, body, client, context)
