"""Slack's AI assistant panel (``slack_bolt.Assistant``): a greeting with prompts drawn from the current
postings when a thread starts, then status → title → answer for every message in the thread."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, Assistant, BoltContext, Say, SetStatus, SetSuggestedPrompts, SetTitle
from slack_sdk import WebClient

from ...models import PostingRecord
from ..answering import Asked
from ..blocks import trim
from ..conversation import strip_mentions, thread_history
from ..deps import Deps
from .common import bot_ids, team_of

log = logging.getLogger(__name__)

GREETING = "Hi! I answer questions about our open roles from the job postings, with sources. What would you like to know?"
STATUS = "Searching postings…"


def suggested_prompts(records: list[PostingRecord], limit: int = 4) -> list[dict[str, str]]:
    """Prompts that work on today's postings: a pay question about a role that states pay, and so on."""

    def name(r: PostingRecord) -> str:
        return trim(r.title, 60) if r.title else ""

    prompts: list[str] = []
    paid = next((r for r in records if r.facts.base_salary and r.title), None)
    if paid:
        prompts.append(f"What does the {name(paid)} role pay?")
    if any(r.facts.workplace_type and r.facts.workplace_type.value == "remote" for r in records):
        prompts.append("Which roles are fully remote?")
    stack = next((r for r in records if r.title and (r.facts.technologies or r.facts.programming_languages) and r is not paid), None)
    if stack:
        prompts.append(f"What tech stack does the {name(stack)} role use?")
    other = next((r for r in records if r.title and r is not paid and r is not stack), None)
    if other:
        prompts.append(f"Is the {name(other)} role remote?")
    prompts.append("What roles are open?")
    seen: list[str] = []
    for p in prompts:
        if p not in seen:
            seen.append(p)
    return [{"title": trim(p, 75), "message": p} for p in seen[:limit]]


def handle_thread_started(deps: Deps, say: Say, set_suggested_prompts: SetSuggestedPrompts) -> None:
    say(GREETING)
    try:
        records = deps.engine.list_roles()
    except Exception:
        log.exception("could not list roles for suggested prompts")
        records = []
    set_suggested_prompts(prompts=suggested_prompts(records), title="Try asking:")


def handle_user_message(
    deps: Deps,
    payload: dict[str, Any],
    body: dict[str, Any],
    client: WebClient,
    context: BoltContext,
    set_status: SetStatus,
    set_title: SetTitle | None,
) -> None:
    if payload.get("subtype") is not None or not payload.get("user"):
        return
    channel, ts = payload["channel"], payload["ts"]
    thread_ts = payload.get("thread_ts") or ts
    question = strip_mentions(payload.get("text", ""))
    bot_user_id, bot_id = bot_ids(context)
    history = thread_history(
        client, deps.memory, channel=channel, thread_ts=thread_ts, current_ts=ts, bot_user_id=bot_user_id, bot_id=bot_id
    )

    def on_start() -> None:
        set_status(STATUS)
        if set_title is not None and not history:
            set_title(trim(question, 60))

    asked = Asked(
        question=question,
        user=payload["user"],
        channel=channel,
        thread_ts=thread_ts,
        team_id=team_of(body, payload),
        message_ts=ts,
        surface="assistant",
    )
    deps.responder.answer_in_thread(client, asked, history, on_start=on_start)


def register(app: App, deps: Deps) -> None:
    assistant = Assistant(logger=log)

    @assistant.thread_started
    def _started(say: Say, set_suggested_prompts: SetSuggestedPrompts) -> None:
        handle_thread_started(deps, say, set_suggested_prompts)

    @assistant.user_message
    def _message(
        payload: dict[str, Any],
        body: dict[str, Any],
        client: WebClient,
        context: BoltContext,
        set_status: SetStatus,
        set_title: SetTitle,
    ) -> None:
        handle_user_message(deps, payload, body, client, context, set_status, set_title)

    app.use(assistant)
