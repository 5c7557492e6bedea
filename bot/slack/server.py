"""A small threaded HTTP front for the Bolt app: ``POST /slack/events`` (events, slash commands and
interactivity all use it) and ``GET /healthz`` (index status as JSON).

Each request is handed to ``App.dispatch`` as a ``BoltRequest``; Bolt checks the signature and timestamp
(forged or stale → 401) and acks before any slow work, which runs on Bolt's listener pool.
"""

from __future__ import annotations

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY = 1_000_000


def health(app: App) -> tuple[int, dict[str, Any]]:
    deps = getattr(app, "roles_deps", None)
    if deps is None:
        return 200, {"ok": True}
    try:
        status = deps.engine.status()
    except Exception as exc:
        log.exception("health check: index status failed")
        return 503, {"ok": False, "error": getattr(exc, "user_message", type(exc).__name__)}
    return 200, {
        "ok": True,
        "ready": status.postings > 0,
        "index": {
            "generation": status.generation,
            "postings": status.postings,
            "chunks": status.chunks,
            "ingested_at": status.ingested_at,
            "last_run": status.last_run,
        },
        "reingest_running": deps.reingest.running,
    }


def make_handler(app: App, path: str = EVENTS_PATH) -> type[BaseHTTPRequestHandler]:
    class SlackHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "roles-bot"

        def log_message(self, format: str, *args: Any) -> None:
            log.debug("%s " + format, self.address_string(), *args)

        def _send(self, status: int, body: bytes, headers: dict[str, list[str]] | None = None) -> None:
            self.send_response(status)
            sent_type = False
            for name, values in (headers or {}).items():
                if name.lower() == "content-length":
                    continue
                sent_type = sent_type or name.lower() == "content-type"
                for value in values:
                    self.send_header(name, value)
            if not sent_type:
                self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if self.path.split("?", 1)[0] == HEALTH_PATH:
                status, payload = health(app)
                self._send(status, json.dumps(payload).encode(), {"Content-Type": ["application/json"]})
            else:
                self._send(404, b"not found")

        def do_POST(self) -> None:
            route, _, query = self.path.partition("?")
            if route != path:
                self._send(404, b"not found")
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self._send(413, b"too large")
                return
            body = self.rfile.read(length).decode("utf-8") if length else ""
            headers = {k.lower(): [v] for k, v in self.headers.items()}
            try:
                resp: BoltResponse = app.dispatch(BoltRequest(body=body, query=query, headers=headers))
            except Exception:
                log.exception("dispatch failed")
                self._send(500, b"")
                return
            payload = resp.body.encode("utf-8") if isinstance(resp.body, str) else (resp.body or b"")
            self._send(resp.status, payload, resp.headers)

    return SlackHandler


class _Listener(ThreadingHTTPServer):
    # socketserver's default listen backlog is 5: a burst of Slack deliveries overflows it, and the kernel
    # drops or resets connections — senders stall ~1 s (SYN retry) or lose the delivery (bench/slack_bench.py).
    request_queue_size = 128
    daemon_threads = True


class SlackHTTPServer:
    """``serve_forever`` in the foreground, or ``start()`` in a thread (tests); ``port=0`` picks a free port."""

    def __init__(self, app: App, host: str = "0.0.0.0", port: int = 3000, path: str = EVENTS_PATH) -> None:
        self.httpd = _Listener((host, port), make_handler(app, path))
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def start(self) -> "SlackHTTPServer":
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="slack-http", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)


