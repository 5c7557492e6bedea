"""Direct messages: answer every DM. Plain channel messages are ignored — the bot speaks only when asked.

Messages inside a DM thread reach the assistant listener first (Bolt routes every threaded IM there); this
listener sees top-level DMs and answers in their thread so follow-ups keep their context.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from ..deps import Deps
from .common import answer_event_in_thread, is_from_bot


def handle_message(deps: Deps, event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    if event.get("channel_type") != "im" or is_from_bot(event) or not event.get("user"):
        return
    answer_event_in_thread(deps, event, body, client, context, surface="dm")


def register(app: App, deps: Deps) -> None:
    @app.event("message")
    def _message(event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        handle_message(deps, event, body, client, context)
