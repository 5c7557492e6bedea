"""Small helpers shared by the listeners."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slack_bolt import BoltContext


def is_from_bot(event: Mapping[str, Any]) -> bool:
    """Bot posts (ours or anyone's) and edits/joins/etc. are never questions."""
    return bool(event.get("bot_id")) or event.get("subtype") is not None


def team_of(body: Mapping[str, Any], event: Mapping[str, Any]) -> str | None:
    return event.get("team") or body.get("team_id") or (body.get("team") or {}).get("id")


def bot_ids(context: BoltContext) -> tuple[str | None, str | None]:
    return context.bot_user_id, context.bot_id
