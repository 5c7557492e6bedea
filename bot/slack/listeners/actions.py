"""Button clicks: 👍/👎, Share in channel, Copy for a candidate, and App Home's Re-ingest now.

Button values carry only an answer id; who may do what is decided from the clicking user in Slack's
signed payload, never from the value.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from ..blocks import (
    ACTION_COPY,
    ACTION_REINGEST,
    ACTION_SHARE,
    ACTION_VOTE_DOWN,
    ACTION_VOTE_UP,
    render_answer,
    render_candidate,
)
from ..conversation import answer_metadata
from ..deps import Deps
from .home import publish_home

log = logging.getLogger(__name__)

GONE = "Sorry, I no longer have that answer. Ask again with `/roles <question>`."


def _where(body: dict[str, Any]) -> tuple[str, str | None, str | None]:
    user = (body.get("user") or {}).get("id", "")
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    ts = (body.get("message") or {}).get("ts") or (body.get("container") or {}).get("message_ts")
    return user, channel, ts


def _value(action: dict[str, Any]) -> str:
    return str(action.get("value") or "")[:64]


def handle_vote(deps: Deps, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
    user, channel, ts = _where(body)
    vote = 1 if action.get("action_id") == ACTION_VOTE_UP else -1
    if not deps.feedback.record_vote(_value(action), user=user, vote=vote, channel=channel, ts=ts):
        respond(response_type="ephemeral", replace_original=False, text=GONE)
        return
    log.info("feedback %+d from %s on %s", vote, user, _value(action))
    respond(
        response_type="ephemeral",
        replace_original=False,
        text="Thanks for the feedback " + ("👍" if vote > 0 else "👎 — noted, it helps improve the answers."),
    )


def handle_share(deps: Deps, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond) -> None:
    user, channel, _ = _where(body)
    stored = deps.feedback.get_answer(_value(action))
    if stored is None or (stored.user and stored.user != user):
        respond(response_type="ephemeral", replace_original=False, text=GONE)
        return
    rendered = render_answer(stored.answer, answer_id=stored.id, shared_by=user)
    metadata = answer_metadata(stored.id, [s.posting_id for s in stored.answer.sources])
    posted = False
    if channel:
        try:
            client.chat_postMessage(
                channel=channel, text=rendered.text, blocks=rendered.blocks, metadata=metadata, unfurl_links=False
            )
            posted = True
        except SlackApiError as exc:
            log.info("share via chat.postMessage failed (%s); using response_url", exc.response.get("error"))
    if not posted:
        # not a member of the channel: the response_url can still post there on the user's behalf
        respond(response_type="in_channel", replace_original=False, text=rendered.text, blocks=rendered.blocks)
    log.info("answer %s shared by %s in %s", stored.id, user, channel)


def handle_copy(deps: Deps, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
    user, _, _ = _where(body)
    stored = deps.feedback.get_answer(_value(action))
    if stored is None or (stored.user and stored.user != user):
        respond(response_type="ephemeral", replace_original=False, text=GONE)
        return
    rendered = render_candidate(stored.answer)
    respond(response_type="ephemeral", replace_original=False, text=rendered.text, blocks=rendered.blocks)


def handle_home_reingest(deps: Deps, body: dict[str, Any], client: WebClient) -> None:
    user, _, _ = _where(body)
    message = deps.reingest.request(
        client, user, after=lambda: publish_home(deps, client, user), surface="App Home button"
    )
    publish_home(deps, client, user)
    try:
        client.chat_postMessage(channel=user, text=message)
    except SlackApiError as exc:
        log.error("could not DM %s: %s", user, exc.response.get("error"))


def register(app: App, deps: Deps) -> None:
    def _vote(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        ack()
        handle_vote(deps, body, action, respond)

    app.action(ACTION_VOTE_UP)(_vote)
    app.action(ACTION_VOTE_DOWN)(_vote)

    @app.action(ACTION_SHARE)
    def _share(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        handle_share(deps, body, action, client, respond)

    @app.action(ACTION_COPY)
    def _copy(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        ack()
        handle_copy(deps, body, action, respond)

    @app.action(ACTION_REINGEST)
    def _reingest(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        handle_home_reingest(deps, body, client)
