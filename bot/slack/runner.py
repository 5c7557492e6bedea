"""``serve``: build the engine, the re-ingest runner and the app, then listen — Socket Mode when an app-level
token is set, HTTP otherwise."""

from __future__ import annotations

import gc
import logging

from ..errors import ConfigError, IndexNotReady
from ..settings import Settings
from .app import make_app
from .feedback import FeedbackStore
from .server import SlackHTTPServer

log = logging.getLogger(__name__)


def serve(settings: Settings, http: bool = False, port: int = 3000, host: str = "0.0.0.0") -> int:
    """Run the bot until interrupted. ``http=True`` forces HTTP even when ``SLACK_APP_TOKEN`` is set."""
    if not settings.slack_bot_token:
        raise ConfigError("SLACK_BOT_TOKEN is not set", user_message="Set SLACK_BOT_TOKEN in .env to run the Slack bot.")
    socket_mode = settings.slack_socket_mode and not http
    if not socket_mode and not settings.slack_signing_secret:
        raise ConfigError(
            "SLACK_SIGNING_SECRET is not set",
            user_message="HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode).",
        )

    from ..engine.factory import make_engine
    from ..ingest.runner import ReingestRunner
    from ..store import make_store

    store = make_store(settings)
    engine = make_engine(settings, store=store)
    runner = ReingestRunner(settings, store, after=engine.warm)
    try:
        engine.warm()  # build retrieval caches now, not on the first person's question
        gc.freeze()  # those caches live for the process: keep them out of full GC passes (100+ ms at 2,000 postings)
    except IndexNotReady:
        log.warning("the index is empty: answers will say so until `python ingest.py` or /roles reingest runs")
    app = make_app(settings, engine, runner, FeedbackStore(settings.feedback_db))

    if socket_mode:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        log.info("starting in Socket Mode")
        SocketModeHandler(app, settings.slack_app_token).start()
        return 0
    server = SlackHTTPServer(app, host=host, port=port)
    log.info("listening on %s:%s (POST /slack/events, GET /healthz)", host, server.port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()
    return 0
