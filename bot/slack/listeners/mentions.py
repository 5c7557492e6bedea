"""@mentions in channels: answer in the mention's thread; a mention inside a thread is a follow-up."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from ..deps import Deps
from .common import answer_event_in_thread, is_from_bot


def handle_mention(deps: Deps, event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    if is_from_bot(event) or not event.get("user"):
        return
    answer_event_in_thread(deps, event, body, client, context, surface="mention")


def register(app: App, deps: Deps) -> None:
    @app.event("app_mention")
    def _mention(event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        handle_mention(deps, event, body, client, context)
