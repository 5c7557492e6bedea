"""A tiny OpenAI-compatible chat server on 127.0.0.1 for tests: the real ``openai`` client talks HTTP to it.

Each test scripts the replies (a canned text, a delay before the first byte, an HTTP error status, or a
broken stream) and reads back the requests it received, so it can assert what the bot sent.

    with FakeOpenAI() as fake:
        fake.reply("Pay is $155,000 - $190,000 [1].")
        settings = Settings(openai_base_url=fake.base_url)
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One scripted response. ``delay`` is before the first byte, ``chunk_delay`` between stream chunks;
    ``broken`` sends a few good chunks then invalid JSON and hangs up."""

    text: str = "OK [1]."
    delay: float = 0.0
    chunk_delay: float = 0.0
    status: int = 200
    chunk_chars: int = 6
    broken: bool = False


class FakeOpenAI:
    """Threaded HTTP server implementing ``POST /v1/chat/completions`` (JSON or SSE) and ``GET /v1/models``."""

    model = "fake-model"

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self._replies: deque[Reply] = deque()
        self.default = Reply()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-openai", daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def reply(self, text: str = "OK [1].", **kwargs: Any) -> "FakeOpenAI":
        """Queue a reply for the next request; when the queue is empty, ``default`` answers."""
        with self._lock:
            self._replies.append(Reply(text=text, **kwargs))
        return self

    def _next(self) -> Reply:
        with self._lock:
            return self._replies.popleft() if self._replies else self.default

    # --- what tests read back ---
    @property
    def last(self) -> dict[str, Any]:
        return self.requests[-1]

    def messages(self, index: int = -1) -> list[dict[str, Any]]:
        return self.requests[index]["messages"]

    # --- lifecycle ---
    def start(self) -> "FakeOpenAI":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "FakeOpenAI":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep test output quiet
                pass

            def _json(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802
                if self.path.rstrip("/") in ("/v1/models", "/models"):
                    self._json(200, {"object": "list", "data": [{"id": fake.model, "object": "model"}]})
                else:
                    self._json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})

            def do_POST(self) -> None:  # noqa: N802
                if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
                    self._json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
                    return
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(body)
                reply = fake._next()
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    if reply.status != 200:
                        self._json(reply.status, {"error": {"message": "scripted failure", "type": "server_error"}})
                    elif body.get("stream"):
                        self._stream(reply)
                    else:
                        self._json(200, _completion(reply.text))
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout): nothing to do

            def _stream(self, reply: Reply) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True
                pieces = [reply.text[i : i + reply.chunk_chars] for i in range(0, len(reply.text), reply.chunk_chars)]
                if reply.broken:
                    pieces = pieces[:2]
                first = True
                for piece in pieces:
                    delta: dict[str, Any] = {"content": piece}
                    if first:
                        delta["role"] = "assistant"
                        first = False
                    self._event(_chunk(delta, None))
                    if reply.chunk_delay:
                        time.sleep(reply.chunk_delay)
                if reply.broken:
                    self.wfile.write(b'data: {"choices": [{"delta": {"content": \n\n')
                    self.wfile.flush()
                    return
                self._event(_chunk({}, "stop"))
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

            def _event(self, payload: dict[str, Any]) -> None:
                self.wfile.write(b"data: " + json.dumps(payload).encode() + b"\n\n")
                self.wfile.flush()

        return Handler


def _completion(text: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": FakeOpenAI.model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunk(delta: dict[str, Any], finish: str | None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": FakeOpenAI.model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
