"""A loopback Slack Web API for tests: the real ``slack_sdk`` WebClient (and Bolt's ``respond``) talk HTTP to it.

Every ``POST /api/<method>`` (form or JSON) is recorded as a ``Call`` and answered ``{"ok": true, ...}`` with
plausible fields; any other POST path is recorded as a ``response_url`` call. Tests seed
``conversations.replies`` threads, make a method fail (``fail("chat.startStream", "not_allowed")``) and wait
for the calls the app makes in its background workers.

    with FakeSlack() as slack:
        settings = Settings(slack_api_url=slack.api_url, ...)
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T0TEAM"
JSON_FIELDS = ("blocks", "metadata", "prompts", "view", "attachments", "chunks")


@dataclass
class Call:
    method: str  # the Web API method, or "response_url"
    params: dict[str, Any]
    path: str = ""
    token: str | None = None
    at: float = field(default_factory=time.monotonic)

    def text_blob(self) -> str:
        """Everything a person would read in this call (text, blocks, markdown), as one string."""
        return json.dumps(self.params, ensure_ascii=False)


class _Listener(ThreadingHTTPServer):
    request_queue_size = 128  # the default backlog of 5 drops SYNs under a burst (1 s client stalls)


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.threads: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.errors: dict[str, str] = {}
        self._ts = itertools.count(1)
        self._lock = threading.Lock()
        self._server = _Listener(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-slack", daemon=True)

    # -- lifecycle --------------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"{self.url}/response/{name}"

    def start(self) -> "FakeSlack":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "FakeSlack":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- scripting --------------------------------------------------------------------------------------
    def seed_thread(self, channel: str, thread_ts: str, messages: list[dict[str, Any]]) -> None:
        self.threads[(channel, thread_ts)] = messages

    def fail(self, method: str, error: str) -> None:
        self.errors[method] = error

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self.errors.clear()
            self.threads.clear()

    # -- reading ----------------------------------------------------------------------------------------
    def calls_to(self, method: str, **match: Any) -> list[Call]:
        with self._lock:
            calls = list(self.calls)
        def value(call: Call, key: str) -> Any:
            return call.path if key == "path" else call.params.get(key)

        return [c for c in calls if c.method == method and all(value(c, k) == v for k, v in match.items())]

    def wait_for(
        self, method: str, count: int = 1, timeout: float = 20.0, where: Callable[[Call], bool] | None = None, **match: Any
    ) -> list[Call]:
        """Block until ``count`` matching calls were made (the app answers from worker threads)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [c for c in self.calls_to(method, **match) if where is None or where(c)]
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                seen = [c.method for c in self.calls]
                raise AssertionError(f"expected {count} {method} call(s) matching {match}, saw {seen}")
            time.sleep(0.02)

    # -- the server -------------------------------------------------------------------------------------
    def _next_ts(self) -> str:
        return f"{1_700_000_000 + next(self._ts)}.000100"

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method in self.errors:
            return {"ok": False, "error": self.errors[method]}
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://example.slack.com/",
                "team": "Example",
                "user": "roles-bot",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "is_enterprise_install": False,
            }
        if method in ("chat.postMessage", "chat.startStream"):
            ts = self._next_ts()
            return {
                "ok": True,
                "channel": params.get("channel"),
                "ts": ts,
                "message": {"text": params.get("text", ""), "ts": ts, "bot_id": BOT_ID, "user": BOT_USER_ID},
            }
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self._next_ts()}
        if method in ("chat.update", "chat.appendStream", "chat.stopStream"):
            return {"ok": True, "channel": params.get("channel"), "ts": params.get("ts")}
        if method == "conversations.replies":
            messages = self.threads.get((str(params.get("channel")), str(params.get("ts"))), [])
            return {"ok": True, "messages": messages, "has_more": False}
        if method in ("views.publish", "views.open", "views.update"):
            return {"ok": True, "view": {"id": "V1", **(params.get("view") or {})}}
        return {"ok": True}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8") if length else ""
                ctype = self.headers.get("Content-Type", "")
                params: dict[str, Any]
                if "json" in ctype:
                    params = json.loads(raw or "{}")
                else:
                    params = {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}
                    for key in JSON_FIELDS:
                        if isinstance(params.get(key), str):
                            try:
                                params[key] = json.loads(params[key])
                            except ValueError:
                                pass
                auth = self.headers.get("Authorization", "")
                token = auth[7:] if auth.startswith("Bearer ") else params.get("token")
                if self.path.startswith("/api/"):
                    method = self.path[5:].split("?", 1)[0]
                    body = json.dumps(fake._answer(method, params)).encode()
                    ctype_out = "application/json; charset=utf-8"
                else:
                    method = "response_url"
                    body, ctype_out = b"ok", "text/plain"
                with fake._lock:
                    fake.calls.append(Call(method=method, params=params, path=self.path, token=token))
                self.send_response(200)
                self.send_header("Content-Type", ctype_out)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler
