"""``/roles``: help, ``list``, ``reingest`` (admins) or a question answered privately with Share/Copy buttons.

Bolt returns the HTTP ack as soon as ``ack()`` runs and keeps the listener going on its worker pool, so the
slow part (the engine) never delays the 3-second ack.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from ...errors import RolesBotError
from ..answering import APOLOGY, rate_limited_text
from ..blocks import escape, render_answer, render_help, render_roles
from ..deps import Deps

log = logging.getLogger(__name__)


def handle_roles(deps: Deps, command: dict[str, Any], client: WebClient, respond: Respond) -> None:
    text = " ".join((command.get("text") or "").split())
    user = command.get("user_id", "")
    channel = command.get("channel_id")
    word = text.lower()
    if word in ("", "help", "?"):
        help_msg = render_help(admin=deps.reingest.is_admin(user))
        respond(response_type="ephemeral", text=help_msg.text, blocks=help_msg.blocks)
        return
    if word == "list":
        try:
            roles = render_roles(deps.engine.list_roles())
        except RolesBotError as exc:
            respond(response_type="ephemeral", text=escape(exc.user_message))
            return
        respond(response_type="ephemeral", text=roles.text, blocks=roles.blocks)
        return
    if word in ("reingest", "re-ingest"):
        message = deps.reingest.request(client, user, surface="/roles reingest")
        respond(response_type="ephemeral", text=message)
        return
    wait = deps.limiter.allow(user)
    if wait:
        respond(response_type="ephemeral", text=rate_limited_text(wait))
        return
    try:
        answer = deps.engine.answer(text)
    except RolesBotError as exc:
        log.warning("could not answer /roles %r: %s", text, exc)
        deps.feedback.log_question(text, user=user, channel=channel, surface="command")
        respond(response_type="ephemeral", text=escape(exc.user_message))
        return
    except Exception:
        log.exception("failed to answer /roles %r", text)
        deps.feedback.log_question(text, user=user, channel=channel, surface="command")
        respond(response_type="ephemeral", text=APOLOGY)
        return
    answer_id = deps.feedback.save_answer(answer, user=user, channel=channel, surface="command")
    rendered = render_answer(answer, answer_id=answer_id, share_buttons=True)
    respond(response_type="ephemeral", text=rendered.text, blocks=rendered.blocks)


def register(app: App, deps: Deps) -> None:
    @app.command("/roles")
    def _roles(ack: Ack, command: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        handle_roles(deps, command, client, respond)
