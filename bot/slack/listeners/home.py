"""App Home: admins see index health, feedback and unanswered questions with a Re-ingest button; everyone
else a short help."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from ..blocks import home_view_admin, home_view_user
from ..deps import Deps

log = logging.getLogger(__name__)


def build_home(deps: Deps, user_id: str) -> dict[str, Any]:
    if not deps.reingest.is_admin(user_id):
        return home_view_user()
    status = error = None
    try:
        status = deps.engine.status()
    except Exception as exc:  # a broken index is exactly what the admin needs to see
        log.exception("index status failed")
        error = getattr(exc, "user_message", None) or type(exc).__name__
    return home_view_admin(
        status,
        deps.feedback.counts(),
        deps.feedback.unanswered(10),
        running=deps.reingest.running,
        status_error=error,
    )


def publish_home(deps: Deps, client: WebClient, user_id: str) -> None:
    try:
        client.views_publish(user_id=user_id, view=build_home(deps, user_id))
    except SlackApiError as exc:
        log.error("views.publish failed for %s: %s", user_id, exc.response.get("error"))


def register(app: App, deps: Deps) -> None:
    @app.event("app_home_opened")
    def _home_opened(event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") != "home" or not event.get("user"):
            return
        publish_home(deps, client, event["user"])
