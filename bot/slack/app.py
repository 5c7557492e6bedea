"""The Bolt app: ``make_app`` builds it from settings and collaborators, ``register`` wires the listeners.

Global middleware (after Bolt's own signature check and self-event filter): drop redelivered events and
other bots' messages before any listener sees them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient

from ..settings import Settings
from .admin import ReingestService
from .answering import Responder
from .conversation import ThreadMemory
from .dedupe import Deduper, MemoryDeduper
from .deps import Deps
from .feedback import FeedbackStore
from .ports import Engine, Reingester
from .ratelimit import RateLimiter

log = logging.getLogger(__name__)


def api_base_url(settings: Settings) -> str | None:
    """``SLACK_API_URL`` with the trailing slash WebClient needs (``http://host/api/``)."""
    url = settings.slack_api_url.strip()
    if not url:
        return None
    return url if url.endswith("/") else url + "/"


def make_client(settings: Settings) -> WebClient:
    base = api_base_url(settings)
    if base:
        return WebClient(token=settings.slack_bot_token or None, base_url=base)
    return WebClient(token=settings.slack_bot_token or None)


def dedupe_keys(body: dict[str, Any]) -> list[str]:
    """Keys that identify one delivery of one event: its event_id, and for messages the client_msg_id
    (per event type, so an ``app_mention`` and the ``message`` for the same post do not cancel each other)."""
    if body.get("type") != "event_callback":
        return []
    keys = []
    if body.get("event_id"):
        keys.append(f"event:{body['event_id']}")
    event = body.get("event") or {}
    if event.get("client_msg_id"):
        keys.append(f"msg:{event.get('type')}:{event['client_msg_id']}")
    return keys


def make_dedupe_middleware(deduper: Deduper) -> Callable[..., BoltResponse | None]:
    def drop_redeliveries(request: BoltRequest, body: dict[str, Any], next: Callable[[], BoltResponse]) -> Any:
        keys = dedupe_keys(body)
        # claim every key (no short-circuit), then drop if any was seen before
        fresh = [deduper.claim(key) for key in keys]
        if keys and not all(fresh):
            retry = request.headers.get("x-slack-retry-num", [None])[0]
            log.info("dropped duplicate delivery %s (retry %s)", keys, retry)
            return BoltResponse(status=200, body="")
        return next()

    return drop_redeliveries


def ignore_bot_messages(body: dict[str, Any], next: Callable[[], BoltResponse]) -> Any:
    """Other bots' posts are never questions (Bolt already drops the bot's own events)."""
    event = body.get("event") or {}
    if event.get("type") in ("message", "app_mention") and (
        event.get("bot_id") or event.get("subtype") == "bot_message"
    ):
        return BoltResponse(status=200, body="")
    return next()


def register(app: App, deps: Deps) -> None:
    from .listeners import register as register_listeners

    app.use(make_dedupe_middleware(deps.deduper))
    app.use(ignore_bot_messages)
    register_listeners(app, deps)

    @app.error
    def _on_error(error: Exception, body: dict[str, Any]) -> None:
        log.error("unhandled error for %s", (body or {}).get("type"), exc_info=error)


def make_deps(
    settings: Settings,
    engine: Engine,
    runner: Reingester | None,
    feedback: FeedbackStore | None = None,
    deduper: Deduper | None = None,
) -> Deps:
    feedback = feedback or FeedbackStore(settings.feedback_db)
    limiter = RateLimiter(settings.rate_limit_per_minute)
    memory = ThreadMemory()
    return Deps(
        settings=settings,
        engine=engine,
        feedback=feedback,
        reingest=ReingestService(settings, runner),
        deduper=deduper or MemoryDeduper(),
        limiter=limiter,
        memory=memory,
        responder=Responder(engine, feedback, limiter, memory),
    )


def make_app(
    settings: Settings,
    engine: Engine,
    runner: Reingester | None,
    feedback: FeedbackStore | None = None,
    client: WebClient | None = None,
    *,
    deduper: Deduper | None = None,
    token_verification: bool = False,
) -> App:
    """The Bolt app. ``token_verification=False`` defers ``auth.test`` to the first event (start-up needs no
    network); Bolt still verifies every request's signature with ``SLACK_SIGNING_SECRET``."""
    deps = make_deps(settings, engine, runner, feedback, deduper)
    app = App(
        name="roles-bot",
        client=client or make_client(settings),
        signing_secret=settings.slack_signing_secret or None,
        token_verification_enabled=token_verification,
        process_before_response=False,
    )
    app.roles_deps = deps  # type: ignore[attr-defined]  # handy for the HTTP server's /healthz and for tests
    register(app, deps)
    return app
